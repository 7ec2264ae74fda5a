package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.edge.store.StoreCacheSettings;
import dev.portico.edge.tls.ServedCertificate;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each cached certificate's native key material, on real sockets over a real Redis: made once per load and reused by
 * every handshake, a renewal's replacing the old (released once its event arrives, while a connection already open
 * on the old one keeps working), and released when the cache evicts the name, the domain is removed, or the proxy
 * stops.
 */
class EdgeKeyMaterialIT {
    @TempDir
    Path dir;

    @Test
    void aRenewalGetsNewMaterialAndReleasesTheOld() throws Exception {
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            TestCa.Leaf first = edge.sites.add("renewed.keys.test", "tenant-a", edge.origin.url());
            TlsClient openBefore = edge.connect("renewed.keys.test");
            assertThat(openBefore.leaf()).isEqualTo(first.certificate());
            ServedCertificate old = cached(edge, "renewed.keys.test");
            for (int i = 0; i < 5; i++) {
                try (TlsClient client = edge.connect("renewed.keys.test")) {
                    assertThat(client.leaf()).isEqualTo(first.certificate());
                }
            }
            assertThat(cached(edge, "renewed.keys.test")).as("converted once, reused").isSameAs(old);

            TestCa.Leaf second = edge.sites.renew("renewed.keys.test");
            edge.server.certificateUpdated("renewed.keys.test");
            waitUntil(() -> old.refCnt() == 0);
            ServedCertificate renewed = cached(edge, "renewed.keys.test");
            assertThat(renewed.serial()).isEqualTo(second.serial());
            assertThat(renewed.refCnt()).isEqualTo(1);
            try (TlsClient client = edge.connect("renewed.keys.test")) {
                assertThat(client.leaf()).isEqualTo(second.certificate());
            }
            try (openBefore) {
                assertThat(openBefore.get("renewed.keys.test", "/").status())
                        .as("a connection on the released certificate").isEqualTo(200);
            }
        }
    }

    @Test
    void evictionRemovalAndStopReleaseTheMaterial() throws Exception {
        StoreCacheSettings d = StoreCacheSettings.defaults();
        StoreCacheSettings small = new StoreCacheSettings(4, d.negativeTtl(), d.unavailableTtl(), d.refreshAfter(),
                d.loadTimeout(), d.maxLoads(), d.maxLoadsPerSecond());
        List<ServedCertificate> seen = new ArrayList<>();
        List<ServedCertificate> atStop = new ArrayList<>();
        List<TestCa.Leaf> leaves = new ArrayList<>();
        try (SharedRedis redis = SharedRedis.open();
                EdgeFixture edge = EdgeFixture.start(redis.store, dir, ProxySettings.defaults(),
                        config -> config.withCaches(small, config.routes()))) {
            for (int i = 0; i < 12; i++) {
                leaves.add(edge.sites.add("d" + i + ".keys.test", "tenant-a", edge.origin.url()));
            }
            for (TestCa.Leaf leaf : leaves) {
                try (TlsClient client = edge.connect(leaf.name())) {
                    assertThat(client.leaf()).isEqualTo(leaf.certificate());
                }
                edge.server.certificates().peek(leaf.name()).ifPresent(seen::add);
            }
            // Eviction is cache maintenance, run by the next thread that touches the cache: the wait reads it, as
            // the next handshakes would.
            waitUntil(() -> {
                leaves.forEach(leaf -> edge.server.certificates().peek(leaf.name()));
                return seen.stream().filter(c -> c.refCnt() > 0).count() <= 4;
            });
            assertThat(seen).as("released on eviction").filteredOn(c -> c.refCnt() == 0)
                    .hasSizeGreaterThanOrEqualTo(8);
            for (TestCa.Leaf leaf : leaves) {
                try (TlsClient client = edge.connect(leaf.name())) {
                    assertThat(client.leaf()).as("reloaded after eviction").isEqualTo(leaf.certificate());
                }
            }

            String last = leaves.get(11).name();
            ServedCertificate removed = cached(edge, last);
            edge.server.domainRemoved(last);
            waitUntil(() -> removed.refCnt() == 0);

            leaves.forEach(leaf -> edge.server.certificates().peek(leaf.name()).ifPresent(atStop::add));
            assertThat(atStop).as("cached when the proxy stops").isNotEmpty();
        }
        waitUntil(() -> atStop.stream().allMatch(c -> c.refCnt() == 0));
    }

    private static ServedCertificate cached(EdgeFixture edge, String name) {
        return edge.server.certificates().peek(name).orElseThrow();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
