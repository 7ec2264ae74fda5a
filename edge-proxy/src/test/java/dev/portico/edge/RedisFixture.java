package dev.portico.edge;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import java.time.Duration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis of {@code local/services} under a key prefix of one test's own, so tests run in any order and side by
 * side with other modules' tests; closing deletes every key under the prefix.
 */
public final class RedisFixture implements AutoCloseable {
    private final String keyPrefix = "it-" + RawHttp.random8() + ":";
    private final RedisStore store;

    public RedisFixture() throws StoreException {
        store = RedisStore.open(RedisSettings.of(LocalServices.redisUri()).withKeyPrefix(keyPrefix));
    }

    public RedisStore store() {
        return store;
    }

    /** A real challenge for a fresh name, stored with {@code ttl}. */
    public Http01Challenge putChallenge(Duration ttl) throws StoreException {
        String token = RawHttp.token();
        Http01Challenge challenge = new Http01Challenge(token,
                DomainName.ofTrusted("t-" + RawHttp.random8() + ".example.com"),
                token + ".thumbprint-" + RawHttp.random8());
        store.challenges().put(challenge, ttl);
        return challenge;
    }

    @Override
    public void close() {
        try (RedisClient raw = RedisClient.create(LocalServices.redisUri())) {
            ScanParams mine = new ScanParams().match(keyPrefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = raw.scan(cursor, mine);
                if (!page.getResult().isEmpty()) {
                    raw.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } finally {
            store.close();
        }
    }
}
