package dev.portico.edge.store;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** A warning at most once per interval: during an outage every handshake fails the same way. */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong last;

    public RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    public void warn(String format, Object arg) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= intervalNanos && last.compareAndSet(previous, now)) {
            log.warn(format, arg);
        }
    }
}
