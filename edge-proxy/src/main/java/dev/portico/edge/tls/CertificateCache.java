package dev.portico.edge.tls;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portico.edge.store.Lookup;
import dev.portico.edge.store.StoreCache;
import dev.portico.edge.store.StoreCacheSettings;
import dev.portico.edge.store.StoreSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Certificates by SNI name: a {@link StoreCache} behind a syntactic filter, so a name that could never have been
 * registered costs neither a cache entry nor a store read.
 */
public final class CertificateCache {
    private static final CompletableFuture<Lookup<ServedCertificate>> IMPLAUSIBLE =
            CompletableFuture.completedFuture(new Lookup.Unknown<>());

    private final StoreCache<ServedCertificate> cache;
    private final LongAdder rejectedNames = new LongAdder();

    public CertificateCache(StoreSource<ServedCertificate> source, Executor loaders, StoreCacheSettings settings) {
        this(source, loaders, settings, Ticker.systemTicker());
    }

    CertificateCache(StoreSource<ServedCertificate> source, Executor loaders, StoreCacheSettings settings,
            Ticker ticker) {
        this.cache = new StoreCache<>("certificate", source, loaders, settings, ticker);
    }

    /** Never blocks and never completes exceptionally; see {@link StoreCache#lookup}. */
    public CompletableFuture<Lookup<ServedCertificate>> lookup(String sni) {
        if (!SniNames.isPlausible(sni)) {
            rejectedNames.increment();
            return IMPLAUSIBLE;
        }
        return cache.lookup(sni);
    }

    public Optional<ServedCertificate> peek(String name) {
        return cache.peek(name);
    }

    /** A certificate was issued or renewed for the name. */
    public void refresh(String name) {
        cache.refresh(name);
    }

    /** The name's domain was removed. */
    public void invalidate(String name) {
        cache.invalidate(name);
    }

    /** Releases every certificate's native key material; at shutdown, once no connection is served any more. */
    public void clear() {
        cache.invalidateAll();
    }

    public StoreCache.Stats stats() {
        return cache.stats();
    }

    /** SNI names refused without a look-up (not a possible domain name). */
    public long rejectedNames() {
        return rejectedNames.sum();
    }
}
