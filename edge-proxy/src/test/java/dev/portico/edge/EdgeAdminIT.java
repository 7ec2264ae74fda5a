package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port over a real socket: live, ready while the store answers, and metrics that move with traffic. */
class EdgeAdminIT {
    @TempDir
    Path dir;

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            edge.sites.add("metrics.proxy.test", "tenant-a", edge.origin.url());
            try (TlsClient client = edge.connect("metrics.proxy.test")) {
                assertThat(client.get("metrics.proxy.test", "/").status()).isEqualTo(200);
            }
            assertThat(RawHttp.exchange(edge.ports.admin(), EmbeddedHttp.get("/healthz", "admin")).status())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            int ready;
            do {
                ready = RawHttp.exchange(edge.ports.admin(), EmbeddedHttp.get("/readyz", "admin")).status();
            } while (ready != 200 && System.nanoTime() < deadline);
            assertThat(ready).isEqualTo(200);

            String metrics = RawHttp.exchange(edge.ports.admin(), EmbeddedHttp.get("/metrics", "admin")).body();
            assertThat(metrics)
                    .contains("portico_http_responses_total{code=\"2xx\"} 1")
                    .contains("portico_tls_handshakes_total{result=\"tenant\"} 1")
                    .contains("portico_certificate_cache_entries 1")
                    .contains("portico_origin_latency_seconds_count 1")
                    .contains("# TYPE portico_tls_handshakes_total counter");
            assertThat(RawHttp.exchange(edge.ports.admin(), EmbeddedHttp.get("/other", "admin")).status())
                    .isEqualTo(404);
        }
    }
}
