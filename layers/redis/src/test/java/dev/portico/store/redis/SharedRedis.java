package dev.portico.store.redis;

import dev.portico.core.store.StoreException;
import dev.portico.testkit.LocalServices;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis of {@code local/services}, seen through a store with a key prefix of its own, plus a raw client for
 * looking at what the store wrote. Closing deletes every key under the prefix.
 */
final class SharedRedis implements AutoCloseable {
    final RedisStore store;
    final RedisClient raw;
    final RedisKeys keys;

    private SharedRedis(RedisStore store, RedisClient raw) {
        this.store = store;
        this.raw = raw;
        this.keys = store.keys();
    }

    static SharedRedis open() throws StoreException {
        RedisSettings settings = RedisSettings.of(LocalServices.redisUri()).withKeyPrefix(TestNames.keyPrefix());
        return new SharedRedis(RedisStore.open(settings), RedisClient.create(LocalServices.redisUri()));
    }

    /** Every key under this instance's prefix. */
    List<String> allKeys() {
        ScanParams match = new ScanParams().match(keys.prefix() + "*").count(1000);
        List<String> found = new java.util.ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = raw.scan(cursor, match);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    @Override
    public void close() {
        try {
            List<String> mine = allKeys();
            if (!mine.isEmpty()) {
                raw.del(mine.toArray(String[]::new));
            }
        } finally {
            store.close();
            raw.close();
        }
    }
}
