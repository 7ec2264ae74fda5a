package dev.portico.edge.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code perSecond} takes a second, in bursts of up to a second's worth; lock-free enough for its use (one
 * take per cache miss): a short synchronized section, never a wait.
 */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private final Ticker ticker;
    private double tokens;
    private long lastNanos;

    TokenBucket(int perSecond, Ticker ticker) {
        this.perNano = perSecond / (double) TimeUnit.SECONDS.toNanos(1);
        this.capacity = perSecond;
        this.ticker = ticker;
        this.tokens = perSecond;
        this.lastNanos = ticker.read();
    }

    synchronized boolean tryTake() {
        long now = ticker.read();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
