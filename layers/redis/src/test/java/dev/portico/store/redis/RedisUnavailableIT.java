package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreUnavailableException;
import dev.portico.store.redis.testing.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis down or hung: every call fails with StoreUnavailableException within the configured timeouts. */
class RedisUnavailableIT {
    private static final String SECRET = "hunter2-never-printed";

    @TempDir
    static Path dir;
    static RedisServerProcess hung;

    @BeforeAll
    static void startAndStopAServer() throws Exception {
        hung = RedisServerProcess.start(dir);
        hung.pause();
    }

    @AfterAll
    static void killIt() throws Exception {
        hung.close();
    }

    private static RedisSettings settings(java.net.URI uri) {
        return RedisSettings.of(uri).withCredentials(Optional.empty(), SECRET);
    }

    @Test
    void refusedConnectionFailsFastNamingTheEndpointButNoSecret() throws Exception {
        int closedPort = RedisServerProcess.freePort();
        try (RedisStore store = RedisStore.open(settings(java.net.URI.create("redis://127.0.0.1:" + closedPort)))) {
            long start = System.nanoTime();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.domains().find(TestNames.domain()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(e.getEndpoint()).isEqualTo("127.0.0.1:" + closedPort);
            assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort).doesNotContain(SECRET);
        }
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinConnectPlusReadTimeout() throws Exception {
        long opening = System.nanoTime();
        try (RedisStore store = RedisStore.open(settings(hung.uri()))) {
            assertThat(Duration.ofNanos(System.nanoTime() - opening)).as("open does not connect")
                    .isLessThan(Duration.ofMillis(500));
            DomainName domain = TestNames.domain();
            for (int call = 0; call < 2; call++) {
                long start = System.nanoTime();
                StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                        () -> store.certificates().find(domain));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("the socket timeout, not an instant failure")
                        .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
                assertThat(e.getWaited()).isLessThanOrEqualTo(took);
                assertThat(e.getMessage()).contains("timed out").doesNotContain(SECRET);
            }
        }
    }

    @Test
    void callersQueuedForAnExhaustedPoolAlsoGiveUpInBoundedTime() throws Exception {
        try (RedisStore store = RedisStore.open(settings(hung.uri()).withPoolSize(1));
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Throwable>> calls = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        store.renewals().due(java.time.Instant.now(), 10);
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> call : calls) {
                assertThat(call.get()).isInstanceOf(StoreUnavailableException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
        }
    }
}
