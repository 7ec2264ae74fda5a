package dev.portico.store.redis;

import dev.portico.core.store.RateLimiter;
import dev.portico.core.store.StoreException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sliding-window log: one sorted-set member per acquisition, scored by its time. Exact at the window's edge (a
 * fixed-window counter would allow twice the limit across a boundary), and cheap for the limits Portico sets
 * (hundreds per window). Time comes from the caller, so every instance and every test agrees on it.
 */
public final class RedisRateLimiter implements RateLimiter {
    // KEYS: the bucket. ARGV: now ms, window ms, limit, unique member. Returns -1 when acquired, else wait in ms.
    private static final LuaScript ACQUIRE = new LuaScript("""
            local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < limit then
              redis.call('ZADD', KEYS[1], now, ARGV[4])
              redis.call('PEXPIRE', KEYS[1], window)
              return -1
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) + window - now)""");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final SecureRandom random = new SecureRandom();

    public RedisRateLimiter(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, int limit, Duration window, Instant now)
            throws StoreException {
        if (limit < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("limit and window must be positive, got " + limit + " per " + window);
        }
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        List<String> scriptKeys = List.of(keys.rateLimit(bucket));
        List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(window.toMillis()),
                Integer.toString(limit), now.toEpochMilli() + "-" + HexFormat.of().formatHex(nonce));
        long wait = redis.call("rate limit " + bucket, r -> ACQUIRE.runForLong(r, scriptKeys, args));
        return wait < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }
}
