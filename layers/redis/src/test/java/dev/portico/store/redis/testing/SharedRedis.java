package dev.portico.store.redis.testing;

import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisKeys;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis of {@code local/services}, seen through a store with a key prefix of its own, plus a raw client for
 * looking at what the store wrote. The prefix lets tests run in any order and side by side with other modules'
 * tests on the one shared Redis; closing deletes every key under it. Published in this module's test-jar, so that
 * every module's integration tests clean up the same way.
 */
public final class SharedRedis implements AutoCloseable {
    public final RedisStore store;
    public final RedisClient raw;
    public final RedisKeys keys;

    private SharedRedis(RedisStore store, RedisClient raw) {
        this.store = store;
        this.raw = raw;
        this.keys = store.keys();
    }

    public static SharedRedis open() throws StoreException {
        return open(UnaryOperator.identity());
    }

    /** With settings of the test's own on top of the prefix, such as a larger pool for concurrent callers. */
    public static SharedRedis open(UnaryOperator<RedisSettings> tuning) throws StoreException {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisSettings settings = tuning.apply(RedisSettings.of(LocalServices.redisUri()).withKeyPrefix(prefix));
        return new SharedRedis(RedisStore.open(settings), RedisClient.create(LocalServices.redisUri()));
    }

    /** Every key under this instance's prefix. */
    public List<String> allKeys() {
        ScanParams match = new ScanParams().match(keys.prefix() + "*").count(1000);
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = raw.scan(cursor, match);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    /** Every key under this prefix with all its values, as text: what an attacker reading Redis would see. */
    public Map<String, String> dump() {
        Map<String, String> out = new TreeMap<>();
        for (String key : allKeys()) {
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
