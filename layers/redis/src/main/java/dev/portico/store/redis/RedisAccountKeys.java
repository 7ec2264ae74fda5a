package dev.portico.store.redis;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.store.AccountKeyStore;
import dev.portico.core.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/** Account keys as one string per directory (the sealed key in base64), written with {@code SET NX}. */
public final class RedisAccountKeys implements AccountKeyStore {
    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisAccountKeys(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<SealedKey> find(String directory) throws StoreException {
        String key = keys.acmeAccount(directory);
        String value = redis.call("read ACME account key of " + directory, r -> r.get(key));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SealedKey.fromBase64(value));
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored ACME account key of " + directory + " at " + key
                    + " is not base64; delete the key to make a new account", e);
        }
    }

    @Override
    public boolean createIfAbsent(String directory, SealedKey sealed) throws StoreException {
        String key = keys.acmeAccount(directory);
        String value = sealed.toBase64();
        return "OK".equals(redis.call("store ACME account key of " + directory,
                r -> r.set(key, value, SetParams.setParams().nx())));
    }
}
