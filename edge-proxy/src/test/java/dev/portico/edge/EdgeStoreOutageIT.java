package dev.portico.edge;

import static dev.portico.edge.RawHttp.bytes;
import static dev.portico.edge.RawHttp.connect;
import static dev.portico.edge.RawHttp.get;
import static dev.portico.edge.RawHttp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.acme.AcmeChallengeHandler;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import java.io.BufferedInputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The port-80 server on real sockets when Redis is not there (connection refused) or hangs (a server that accepts
 * and never answers): the CA gets 503 with Retry-After within a bounded time, never a hang, and a stop still
 * delivers the answers it owes.
 */
class EdgeStoreOutageIT {
    private static final String PREFIX = AcmeChallengeHandler.PATH_PREFIX;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(500);

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @AfterEach
    void closeEverything() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    @Test
    void unreachableRedisGives503QuicklyNotAHang() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, RawHttp.LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }
        CountingChallengeStore challenges = new CountingChallengeStore(open(closedPort, Duration.ofSeconds(2)));
        int port = server(challenges, 64).start().http();

        long start = System.nanoTime();
        HttpResponseText response = RawHttp.exchange(port, get(PREFIX + token(), "shop.example.com"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(challenges.readCount()).isEqualTo(1);
    }

    @Test
    void silentRedisGives503WithinTheLookupTimeoutAndFurtherLookupsAreRefusedAtOnce() throws Exception {
        SilentServer silent = new SilentServer();
        cleanup.push(silent);
        // Redis's own socket timeout is far longer than the look-up timeout, so the latter is what answers.
        CountingChallengeStore challenges = new CountingChallengeStore(open(silent.port(), Duration.ofSeconds(10)));
        int port = server(challenges, 1).start().http();

        long start = System.nanoTime();
        HttpResponseText timedOut = RawHttp.exchange(port, get(PREFIX + token(), "shop.example.com"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.header("Retry-After")).isEqualTo("5");
        assertThat(took).isBetween(LOOKUP_TIMEOUT.minusMillis(50), LOOKUP_TIMEOUT.plusSeconds(2));

        // The first read still hangs and holds the only permit: the next request is refused without waiting.
        start = System.nanoTime();
        HttpResponseText busy = RawHttp.exchange(port, get(PREFIX + token(), "shop.example.com"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOOKUP_TIMEOUT);
        assertThat(challenges.readCount()).isEqualTo(1);
    }

    @Test
    void stopDeliversTheAnswerStillOwedThenRefusesConnections() throws Exception {
        SilentServer silent = new SilentServer();
        cleanup.push(silent);
        // A longer look-up timeout, so the answer is still owed while the test checks that nobody gets in.
        EdgeProxyServer server = server(new CountingChallengeStore(open(silent.port(), Duration.ofSeconds(10))), 4,
                Duration.ofMillis(1500));
        int port = server.start().http();
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(bytes(get(PREFIX + token(), "shop.example.com")));
            Thread.sleep(100);
            Thread stopper = Thread.ofPlatform().start(server::stop);
            assertThat(refusedWithin(port, Duration.ofSeconds(1))).as("new connections refused at once").isTrue();

            HttpResponseText owed = HttpResponseText.read(new BufferedInputStream(socket.getInputStream()), false);
            assertThat(owed.status()).as("answer owed when the stop began").isEqualTo(503);
            assertThat(owed.header("Connection")).as("keep-alive clients are sent elsewhere").isEqualTo("close");
            stopper.join(10_000);
            assertThat(stopper.isAlive()).isFalse();
        }
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        server.stop();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    private ChallengeStore open(int redisPort, Duration socketTimeout) throws Exception {
        RedisStore store = RedisStore.open(RedisSettings.of(URI.create("redis://127.0.0.1:" + redisPort))
                .withTimeouts(Duration.ofSeconds(1), socketTimeout));
        cleanup.push(store);
        return store.challenges();
    }

    private static boolean refusedWithin(int port, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                connect(port).close();
            } catch (ConnectException refused) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private EdgeProxyServer server(CountingChallengeStore challenges, int lookups) {
        return server(challenges, lookups, LOOKUP_TIMEOUT);
    }

    private EdgeProxyServer server(CountingChallengeStore challenges, int lookups, Duration lookupTimeout) {
        EdgeProxyServer server = new EdgeProxyServer(EdgeProxyConfig.defaults()
                .withListener(RawHttp.LOOPBACK, 0)
                .withChallengeLookups(lookups, lookupTimeout)
                .withShutdownGrace(Duration.ofSeconds(5)), challenges);
        cleanup.push(server);
        return server;
    }
}
