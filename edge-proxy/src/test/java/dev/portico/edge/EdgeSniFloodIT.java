package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.edge.store.StoreCacheSettings;
import dev.portico.edge.store.StoreSource;
import dev.portico.edge.tls.ServedCertificate;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of handshakes for made-up names: each costs at most one store read per name per negative TTL, never more
 * reads at once than the limit nor more a second than the cap, and the data plane cannot order a certificate at all (no ACME client on its class
 * path). Bounded: 3 seconds or 3,000 handshakes, whichever comes first. The JDK client here manages ~100 fresh
 * handshakes a second; bench/ floods at 1,000/s with its own client.
 */
class EdgeSniFloodIT {
    private static final Duration FLOOD_FOR = Duration.ofSeconds(3);
    private static final int MAX_HANDSHAKES = 3_000;
    private static final int MAX_LOADS = 8;
    /** Below the rate of made-up names the client manages, so the cap is what bounds the reads. */
    private static final int MAX_LOADS_PER_SECOND = 40;

    @TempDir
    Path dir;

    @Test
    void unknownNamesCostBoundedReadsAndNoOrders() throws Exception {
        CountingSource counting = new CountingSource();
        StoreCacheSettings d = StoreCacheSettings.defaults();
        StoreCacheSettings certificates = new StoreCacheSettings(d.maxEntries(), Duration.ofSeconds(30),
                d.unavailableTtl(), d.refreshAfter(), d.loadTimeout(), MAX_LOADS, MAX_LOADS_PER_SECOND);
        try (SharedRedis redis = SharedRedis.open();
                EdgeFixture edge = EdgeFixture.start(redis.store, dir, ProxySettings.defaults(),
                        config -> config.withCaches(certificates, config.routes()),
                        sources -> new EdgeSources(sources.challenges(), counting.around(sources.certificates()),
                                sources.routes(), sources.ping(), true))) {
            Set<String> names = ConcurrentHashMap.newKeySet();
            AtomicInteger done = new AtomicInteger();
            LongAdder failed = new LongAdder();
            long deadline = System.nanoTime() + FLOOD_FOR.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                clients.execute(() -> {
                    while (System.nanoTime() < deadline && done.getAndIncrement() < MAX_HANDSHAKES) {
                        // Half made-up and new, half one repeated name: the negative cache must absorb the latter.
                        String name = ThreadLocalRandom.current().nextBoolean() ? "same.flood.test"
                                : "r" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE) + ".flood.test";
                        names.add(name);
                        // A context per handshake: a JDK client reusing one resumes its first session, first SNI
                        // included, and the flood would not be one.
                        try (TlsClient ignored = TlsClient.connect(edge.ports.https(), name,
                                TestCa.trustingAnything())) {
                            // the handshake is the work
                        } catch (Exception e) {
                            failed.increment();
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            int handshakes = Math.min(done.get(), MAX_HANDSHAKES);
            double seconds = (System.nanoTime() - deadline + FLOOD_FOR.toNanos()) / 1e9;
            System.out.printf("SNI flood: %d handshakes in %s for %d distinct names; %d store reads, at most %d at "
                    + "once; %d failed handshakes%n", handshakes, FLOOD_FOR, names.size(), counting.reads.sum(),
                    counting.maxConcurrent.get(), failed.sum());

            assertThat(counting.reads.sum()).as("store reads").isLessThanOrEqualTo(names.size());
            assertThat((double) counting.reads.sum()).as("store reads against the rate cap")
                    .isLessThanOrEqualTo(MAX_LOADS_PER_SECOND * (seconds + 1));
            assertThat(names.size()).as("the flood made up more names than the cap lets through")
                    .isGreaterThan((int) (MAX_LOADS_PER_SECOND * (seconds + 1)));
            assertThat(counting.readsOf("same.flood.test")).as("reads of the repeated name").isEqualTo(1);
            assertThat(counting.maxConcurrent.get()).isLessThanOrEqualTo(MAX_LOADS);
            assertThat(edge.origin.seen()).isEmpty();
        }
        assertThatThrownBy(() -> Class.forName("org.shredzone.acme4j.Session"))
                .as("the edge proxy has no ACME client: it cannot order a certificate")
                .isInstanceOf(ClassNotFoundException.class);
    }

    /** Counts reads per name and how many ran at once. */
    private static final class CountingSource {
        final LongAdder reads = new LongAdder();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final ConcurrentHashMap<String, LongAdder> byName = new ConcurrentHashMap<>();

        StoreSource<ServedCertificate> around(StoreSource<ServedCertificate> real) {
            return name -> {
                reads.increment();
                byName.computeIfAbsent(name.ascii(), n -> new LongAdder()).increment();
                maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return real.load(name);
                } finally {
                    running.decrementAndGet();
                }
            };
        }

        long readsOf(String name) {
            LongAdder count = byName.get(name);
            return count == null ? 0 : count.sum();
        }
    }
}
