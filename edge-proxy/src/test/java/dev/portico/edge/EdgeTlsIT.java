package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.tls.FallbackCertificate;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.store.redis.testing.RedisServerProcess;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS port on real sockets over a real Redis: the right certificate for each SNI name among many, the fallback
 * for names without one, certificates served through a Redis outage, and a renewed certificate served once its
 * event arrives, without a restart.
 */
class EdgeTlsIT {
    @TempDir
    Path dir;

    @Test
    void eachNameGetsItsOwnCertificateAmongMany() throws Exception {
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            List<TestCa.Leaf> leaves = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                leaves.add(edge.sites.add("d" + i + ".tls.test", "tenant-" + (i % 3), edge.origin.url()));
            }
            Random random = new Random(7);
            for (int i = 0; i < 25; i++) {
                TestCa.Leaf expected = leaves.get(random.nextInt(leaves.size()));
                try (TlsClient client = edge.connect(expected.name())) {
                    assertThat(client.leaf()).as(expected.name()).isEqualTo(expected.certificate());
                    assertThat(client.protocol()).isIn("TLSv1.3", "TLSv1.2");
                }
            }
            assertThat(edge.server.certificates().stats().size()).isLessThanOrEqualTo(25);
        }
    }

    @Test
    void namesWithoutACertificateGetTheFallback() throws Exception {
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            for (String sni : new String[] {"nobody.example.net", "127.0.0.1", null}) {
                try (TlsClient client = TlsClient.connect(edge.ports.https(), sni, TestCa.trustingAnything())) {
                    assertThat(cn(client.leaf())).as("SNI %s", sni).isEqualTo(FallbackCertificate.GENERATED_NAME);
                }
            }
            try (TlsClient client = TlsClient.connect(edge.ports.https(), "nobody.example.net",
                    TestCa.trustingAnything())) {
                HttpResponseText response = client.get("nobody.example.net", "/");
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.body()).contains("no site is configured for nobody.example.net");
            }
            assertThat(edge.origin.seen()).isEmpty();
        }
    }

    @Test
    void aRenewedCertificateIsServedOnceItsEventArrivesWithoutARestart() throws Exception {
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            TestCa.Leaf first = edge.sites.add("renewed.tls.test", "tenant-a", edge.origin.url());
            try (TlsClient client = edge.connect("renewed.tls.test")) {
                assertThat(client.leaf()).isEqualTo(first.certificate());
            }
            TestCa.Leaf second = edge.sites.renew("renewed.tls.test");
            try (TlsClient client = edge.connect("renewed.tls.test")) {
                assertThat(client.leaf()).as("cached until told").isEqualTo(first.certificate());
            }
            long told = System.nanoTime();
            edge.server.certificateUpdated("renewed.tls.test");
            X509Certificate served;
            do {
                try (TlsClient client = edge.connect("renewed.tls.test")) {
                    served = client.leaf();
                }
            } while (!served.equals(second.certificate()) && System.nanoTime() - told < Duration.ofSeconds(1).toNanos());
            assertThat(served).as("served within a second of the event").isEqualTo(second.certificate());
        }
    }

    @Test
    void knownNamesAreStillServedWhileRedisIsDown() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir);
                RedisStore store = RedisStore.open(RedisSettings.of(redis.uri()).withTimeouts(
                        Duration.ofMillis(300), Duration.ofMillis(300)));
                EdgeFixture edge = EdgeFixture.start(store, dir)) {
            TestCa.Leaf known = edge.sites.add("known.tls.test", "tenant-a", edge.origin.url());
            try (TlsClient client = edge.connect("known.tls.test")) {
                assertThat(client.get("known.tls.test", "/").status()).isEqualTo(200);
            }
            redis.close();

            try (TlsClient client = edge.connect("known.tls.test")) {
                assertThat(client.leaf()).isEqualTo(known.certificate());
                HttpResponseText response = client.get("known.tls.test", "/page");
                assertThat(response.status()).as("route cached too").isEqualTo(200);
            }
            long start = System.nanoTime();
            try (TlsClient client = TlsClient.connect(edge.ports.https(), "new.tls.test", TestCa.trustingAnything())) {
                assertThat(cn(client.leaf())).isEqualTo(FallbackCertificate.GENERATED_NAME);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static String cn(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }
}
