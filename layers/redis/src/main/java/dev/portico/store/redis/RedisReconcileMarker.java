package dev.portico.store.redis;

import dev.portico.core.store.ReconcileMarker;
import dev.portico.core.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The reconciliation marker as one string key without expiry: {@code running:<token>} while a run goes on,
 * {@code done:<epoch ms>} after. Finishing is a compare-and-set script, so a run only marks the store complete when
 * nothing wiped or re-began the marker since it started.
 */
public final class RedisReconcileMarker implements ReconcileMarker {
    private static final String RUNNING = "running:";
    private static final String DONE = "done:";
    // KEYS: marker. ARGV: expected value, new value.
    private static final LuaScript COMPLETE = new LuaScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            return 1""");

    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisReconcileMarker(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<Instant> completedAt() throws StoreException {
        String key = keys.reconcileMarker();
        String value = redis.call("read reconcile marker", r -> r.get(key));
        if (value == null || !value.startsWith(DONE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value.substring(DONE.length()))));
        } catch (NumberFormatException e) {
            // Not written by Portico: treat as missing, so the next run reconciles and writes a proper one.
            return Optional.empty();
        }
    }

    @Override
    public String begin(Instant now) throws StoreException {
        String token = UUID.randomUUID().toString();
        String key = keys.reconcileMarker();
        redis.call("begin reconcile marker", r -> r.set(key, RUNNING + token));
        return token;
    }

    @Override
    public boolean complete(String token, Instant now) throws StoreException {
        List<String> scriptKeys = List.of(keys.reconcileMarker());
        List<String> args = List.of(RUNNING + token, DONE + now.toEpochMilli());
        return redis.call("complete reconcile marker", r -> COMPLETE.runForLong(r, scriptKeys, args)) == 1;
    }
}
