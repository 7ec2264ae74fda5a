package dev.portico.edge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portico.core.store.StoreException;
import io.netty.util.AbstractReferenceCounted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A reference-counted value (a certificate's native key material) is released exactly once, when its entry goes:
 * evicted, invalidated, replaced by a re-read, or never cached because its read timed out; and not while a failed
 * re-read keeps it in use. Caffeine notifies removals during its maintenance, run by whichever thread touches the
 * cache next (a loader finishing, a read), hence the bounded waits.
 */
class StoreCacheReferencesTest {
    private final Map<String, List<Counted>> loaded = new ConcurrentHashMap<>();
    private volatile boolean storeDown;
    private volatile long readMillis;

    @Test
    void evictedEntriesReleaseTheirValues() {
        StoreCache<Counted> cache = cache(settings(3, Duration.ofSeconds(2)));
        for (int i = 0; i < 20; i++) {
            assertThat(cache.lookup("d" + i + ".example").join()).isInstanceOf(Lookup.Found.class);
        }
        // Every value still referenced is one the cache still holds, and it holds at most 3. Maintenance (and so
        // eviction) runs on the thread that next touches the cache, as a proxy's next handshake would: the wait reads.
        waitUntil(() -> {
            for (int i = 0; i < 20; i++) {
                cache.peek("d" + i + ".example");
            }
            return live().size() <= 3
                    && live().stream().allMatch(value -> cache.peek(value.name).orElse(null) == value);
        });
        assertThat(all()).hasSize(20);
    }

    @Test
    void aReReadReleasesTheValueItReplacesAndInvalidationTheCurrentOne() {
        StoreCache<Counted> cache = cache(settings(100, Duration.ofSeconds(2)));
        Counted first = found(cache, "renewed.example");
        cache.refresh("renewed.example");
        waitUntil(() -> first.refCnt() == 0);
        Counted second = cache.peek("renewed.example").orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.refCnt()).isEqualTo(1);

        cache.invalidate("renewed.example");
        waitUntil(() -> second.refCnt() == 0);
        assertThat(cache.peek("renewed.example")).isEmpty();
    }

    @Test
    void aValueKeptThroughAnOutageStaysUsableAndIsReleasedOnceReplaced() {
        StoreCache<Counted> cache = cache(settings(100, Duration.ofSeconds(2)));
        Counted kept = found(cache, "kept.example");
        storeDown = true;
        cache.refresh("kept.example");
        cache.refresh("kept.example");
        sleep(200);
        assertThat(kept.refCnt()).as("still in use").isEqualTo(1);
        assertThat(cache.peek("kept.example")).containsSame(kept);

        storeDown = false;
        cache.refresh("kept.example");
        waitUntil(() -> kept.refCnt() == 0);
        assertThat(cache.peek("kept.example").orElseThrow().refCnt()).isEqualTo(1);
    }

    @Test
    void aReadThatOutlivesItsTimeoutReleasesWhatItRead() {
        StoreCache<Counted> cache = cache(settings(100, Duration.ofMillis(50)));
        readMillis = 300;
        assertThat(cache.lookup("slow.example").join()).isInstanceOf(Lookup.Unavailable.class);
        waitUntil(() -> loaded.containsKey("slow.example"));
        waitUntil(() -> loaded.get("slow.example").get(0).refCnt() == 0);
    }

    @Test
    void invalidatingEverythingReleasesEverything() {
        StoreCache<Counted> cache = cache(settings(100, Duration.ofSeconds(2)));
        for (int i = 0; i < 10; i++) {
            found(cache, "d" + i + ".example");
        }
        cache.invalidateAll();
        waitUntil(() -> live().isEmpty());
        assertThat(all()).hasSize(10).allSatisfy(value -> assertThat(value.refCnt()).isZero());
    }

    private StoreCache<Counted> cache(StoreCacheSettings settings) {
        // Reads on their own threads, so a slow one can outlive its timeout.
        Executor loaders = task -> Thread.ofVirtual().start(task);
        return new StoreCache<>("test value", name -> {
            if (storeDown) {
                throw new StoreException("down");
            }
            sleep(readMillis);
            Counted value = new Counted(name.ascii());
            loaded.computeIfAbsent(name.ascii(), n -> new CopyOnWriteArrayList<>()).add(value);
            return Optional.of(value);
        }, loaders, settings, Ticker.systemTicker());
    }

    private static StoreCacheSettings settings(int maxEntries, Duration loadTimeout) {
        return new StoreCacheSettings(maxEntries, Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofHours(1),
                loadTimeout, 64, 100_000);
    }

    private static Counted found(StoreCache<Counted> cache, String name) {
        return ((Lookup.Found<Counted>) cache.lookup(name).join()).value();
    }

    private List<Counted> all() {
        return loaded.values().stream().flatMap(List::stream).toList();
    }

    private List<Counted> live() {
        return all().stream().filter(value -> value.refCnt() > 0).toList();
    }

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stands for a certificate's native key material. */
    private static final class Counted extends AbstractReferenceCounted {
        final String name;

        Counted(String name) {
            this.name = name;
        }

        @Override
        protected void deallocate() {
        }

        @Override
        public Counted touch(Object hint) {
            return this;
        }
    }
}
