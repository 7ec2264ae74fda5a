package dev.portico.edge.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StoreCache} trades memory and store reads for speed.
 *
 * @param maxEntries       names kept, values and negative answers together; size it above the number of
 *                         registered domains, or handshakes for the least used names keep reloading
 * @param negativeTtl      how long "nothing for this name" is believed; bounds what a flood of unknown names
 *                         costs the store, and how long a just-issued certificate or route may wait without its event
 * @param unavailableTtl   how long a failed read is remembered before the next caller tries again
 * @param refreshAfter     the backstop to events: a cached value older than this is re-read on its next use,
 *                         in the background, the old one used meanwhile
 * @param loadTimeout      a caller waits this long for the store, then gets {@link Lookup.Unavailable}
 * @param maxLoads         store reads at once; beyond it new names get {@link Lookup.Unavailable} at once
 * @param maxLoadsPerSecond store reads a second, bursts up to a second's worth; a flood of distinct made-up names
 *                         (which no negative cache absorbs) costs the store no more than this
 */
public record StoreCacheSettings(int maxEntries, Duration negativeTtl, Duration unavailableTtl,
        Duration refreshAfter, Duration loadTimeout, int maxLoads, int maxLoadsPerSecond) {

    public StoreCacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cache size must be at least 1, got " + maxEntries);
        }
        if (maxLoadsPerSecond < 1) {
            throw new IllegalArgumentException("store reads a second must be at least 1, got " + maxLoadsPerSecond);
        }
        if (maxLoads < 1) {
            throw new IllegalArgumentException("store reads at once must be at least 1, got " + maxLoads);
        }
        positive("negative TTL", negativeTtl);
        positive("unavailable TTL", unavailableTtl);
        positive("refresh interval", refreshAfter);
        positive("load timeout", loadTimeout);
    }

    public StoreCacheSettings withMaxEntries(int entries) {
        return new StoreCacheSettings(entries, negativeTtl, unavailableTtl, refreshAfter, loadTimeout, maxLoads,
                maxLoadsPerSecond);
    }

    public static StoreCacheSettings defaults() {
        return new StoreCacheSettings(50_000, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(30), Duration.ofSeconds(2), 64, 2_000);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + d);
        }
    }
}
