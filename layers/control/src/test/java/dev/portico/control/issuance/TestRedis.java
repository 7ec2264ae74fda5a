package dev.portico.control.issuance;

import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The shared local Redis under a key prefix of this test's own, plus a raw client to look at what was written. */
final class TestRedis implements AutoCloseable {
    final RedisStore store;
    final RedisClient raw;

    private TestRedis(RedisStore store, RedisClient raw) {
        this.store = store;
        this.raw = raw;
    }

    static TestRedis open() throws StoreException {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisSettings settings = RedisSettings.of(LocalServices.redisUri()).withKeyPrefix(prefix).withPoolSize(32);
        return new TestRedis(RedisStore.open(settings), RedisClient.create(LocalServices.redisUri()));
    }

    /** Every key under this prefix with all its values, as text: what an attacker reading Redis would see. */
    Map<String, String> dump() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String key : keys()) {
            String type = raw.type(key);
            out.put(key, switch (type) {
                case "string" -> raw.get(key);
                case "hash" -> raw.hgetAll(key).toString();
                case "zset" -> raw.zrangeWithScores(key, 0, -1).toString();
                default -> type;
            });
        }
        return out;
    }

    List<String> keys() {
        ScanParams match = new ScanParams().match(store.keys().prefix() + "*").count(1000);
        List<String> found = new ArrayList<>();
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
            List<String> mine = keys();
            if (!mine.isEmpty()) {
                raw.del(mine.toArray(String[]::new));
            }
        } finally {
            store.close();
            raw.close();
        }
    }
}
