package dev.portico.edge;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Duration;

/**
 * The port-80 server on a free loopback port, answering from the Redis of {@code local/services} under a key prefix
 * of one test's own, through a store that counts its reads so that a test can prove what reached Redis. Closing
 * stops the server and deletes the test's keys.
 */
final class LiveChallengeServer implements AutoCloseable {
    final SharedRedis redis;
    final CountingChallengeStore challenges;
    final EdgeProxyServer server;
    final int port;

    private LiveChallengeServer(SharedRedis redis, CountingChallengeStore challenges, EdgeProxyServer server,
            int port) {
        this.redis = redis;
        this.challenges = challenges;
        this.server = server;
        this.port = port;
    }

    static LiveChallengeServer start() throws StoreException, InterruptedException {
        SharedRedis redis = SharedRedis.open();
        CountingChallengeStore challenges = new CountingChallengeStore(redis.store.challenges());
        EdgeProxyServer server = new EdgeProxyServer(EdgeProxyConfig.defaults().withListener(RawHttp.LOOPBACK, 0),
                challenges);
        try {
            return new LiveChallengeServer(redis, challenges, server, server.start().http());
        } catch (InterruptedException | RuntimeException e) {
            stop(server, redis);
            throw e;
        }
    }

    /** A real challenge for a fresh name, stored with {@code ttl}. */
    Http01Challenge putChallenge(Duration ttl) throws StoreException {
        String token = RawHttp.token();
        Http01Challenge challenge = new Http01Challenge(token,
                DomainName.ofTrusted("t-" + RawHttp.random8() + ".example.com"),
                token + ".thumbprint-" + RawHttp.random8());
        redis.store.challenges().put(challenge, ttl);
        return challenge;
    }

    @Override
    public void close() {
        stop(server, redis);
    }

    private static void stop(EdgeProxyServer server, SharedRedis redis) {
        try {
            server.stop();
        } finally {
            redis.close();
        }
    }
}
