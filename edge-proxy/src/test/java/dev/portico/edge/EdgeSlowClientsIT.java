package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.store.redis.testing.SharedRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris: a client that sends its headers a byte at a time, each byte well within the idle timeout, is cut off
 * when the whole head has not arrived within the request head deadline (1 s here); a client that sends its request
 * at a normal pace on the same proxy is served.
 */
class EdgeSlowClientsIT {
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aTricklingHeadIsCutOffAtTheDeadline() throws Exception {
        try (SharedRedis redis = SharedRedis.open();
                EdgeFixture edge = EdgeFixture.start(redis.store, dir, ProxySettings.defaults(),
                        config -> config.withRequestHeadTimeout(HEAD_TIMEOUT))) {
            edge.sites.add("slow.proxy.test", "tenant-a", edge.origin.url());
            try (TlsClient client = edge.connect("slow.proxy.test")) {
                assertThat(client.get("slow.proxy.test", "/").status()).as("a normal request").isEqualTo(200);
            }
            long start = System.nanoTime();
            boolean closed = false;
            try (TlsClient client = edge.connect("slow.proxy.test")) {
                OutputStream out = client.output();
                out.write("GET / HTTP/1.1\r\nHost: slow.proxy.test\r\nX-Drip: ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Bounded: at most 40 bytes, 100 ms apart.
                for (int i = 0; i < 40; i++) {
                    Thread.sleep(100);
                    out.write('a');
                    out.flush();
                }
            } catch (IOException e) {
                closed = true;
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).as("the proxy closed the connection").isTrue();
            assertThat(tookMillis).isBetween(HEAD_TIMEOUT.toMillis(), HEAD_TIMEOUT.toMillis() + 1500);
            assertThat(edge.origin.seen()).hasSize(1);
        }
    }
}
