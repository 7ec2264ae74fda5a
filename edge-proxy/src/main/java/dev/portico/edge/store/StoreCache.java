package dev.portico.edge.store;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import dev.portico.edge.store.Lookup.Found;
import dev.portico.edge.store.Lookup.Unavailable;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One value per domain name, read from a blocking {@link StoreSource} without ever blocking the caller (an event
 * loop). Concurrent callers for one cold name share one read; "nothing here" is remembered for the negative TTL, so a
 * flood of made-up names costs at most one read per name per TTL, never more than {@code maxLoads} reads at once, and
 * never more than {@code maxLoadsPerSecond} a second, however many distinct names it makes up.
 * A value once loaded stays until evicted by size, invalidated, or replaced: a store outage changes nothing for names
 * already cached.
 *
 * <p>A {@link io.netty.util.ReferenceCounted} value (a certificate's native key material) is owned by its entry and
 * released when the entry goes ({@link EntryReferences}): native memory follows the cache's size.
 *
 * @param <V> what is cached: a certificate, a route
 */
public final class StoreCache<V> {
    private static final Logger log = LoggerFactory.getLogger(StoreCache.class);

    private final String what;
    private final StoreSource<V> source;
    private final Executor loaders;
    private final Semaphore loadPermits;
    private final TokenBucket loadBudget;
    private final StoreCacheSettings settings;
    private final AsyncLoadingCache<String, Lookup<V>> cache;
    private final Unavailable<V> timedOut = new Unavailable<>("timeout");
    private final Unavailable<V> busy = new Unavailable<>("busy");
    private final Lookup<V> unknown = new Lookup.Unknown<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final RateLimitedLog warnings = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));

    /**
     * @param what    names the values in log lines ("certificate", "route")
     * @param loaders runs the blocking reads; the owner shuts it down. Virtual threads suit: the permits bound them.
     */
    public StoreCache(String what, StoreSource<V> source, Executor loaders, StoreCacheSettings settings,
            Ticker ticker) {
        this.what = Objects.requireNonNull(what, "what");
        this.source = Objects.requireNonNull(source, "source");
        this.loaders = Objects.requireNonNull(loaders, "loaders");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loadPermits = new Semaphore(settings.maxLoads());
        this.loadBudget = new TokenBucket(settings.maxLoadsPerSecond(), ticker);
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfter(new LookupExpiry())
                .refreshAfterWrite(settings.refreshAfter())
                .ticker(ticker)
                // Maintenance (reordering, expiry, removal) on the calling thread: amortised and short, where the
                // default (the common pool) wakes another thread every few reads, a context switch per handful of
                // handshakes that grows costlier with the cache's size. Loads keep their own executor (Loader).
                .executor(Runnable::run)
                .removalListener(EntryReferences::removed)
                .buildAsync(new Loader());
    }

    /**
     * The value for a canonical domain name. Completes at once for a cached name; otherwise on a loader or timer
     * thread, within the load timeout. Never completes exceptionally.
     */
    public CompletableFuture<Lookup<V>> lookup(String name) {
        CompletableFuture<Lookup<V>> lookup = cache.get(name);
        (lookup.isDone() ? hits : loads).increment();
        return lookup;
    }

    /** The cached value, without loading or waiting; a reference-counted one is not retained for the caller. */
    public Optional<V> peek(String name) {
        CompletableFuture<Lookup<V>> cached = cache.getIfPresent(name);
        if (cached != null && cached.isDone() && cached.getNow(null) instanceof Found<V> found) {
            return Optional.of(found.value());
        }
        return Optional.empty();
    }

    /**
     * Re-reads a cached name (its value changed): the new value replaces the old once read, the old is used until
     * then and kept if the read fails. A name not cached needs nothing: its next use reads the store.
     */
    public void refresh(String name) {
        if (cache.getIfPresent(name) != null) {
            cache.synchronous().refresh(name);
        }
    }

    /** Forgets a name (its domain was removed). */
    public void invalidate(String name) {
        cache.synchronous().invalidate(name);
    }

    /** Forgets every name, releasing what the entries own; at shutdown. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    public Stats stats() {
        return new Stats(cache.synchronous().estimatedSize(), hits.sum(), loads.sum());
    }

    /** Counters for the metrics page. */
    public record Stats(long size, long hits, long loads) {
    }

    private CompletableFuture<Lookup<V>> load(String name) {
        if (!loadBudget.tryTake()) {
            warnings.warn("{} reads at their rate limit: new names are answered as unavailable for now", what);
            return CompletableFuture.completedFuture(busy);
        }
        if (!loadPermits.tryAcquire()) {
            warnings.warn("{} reads at their limit: new names are answered as unavailable until some finish", what);
            return CompletableFuture.completedFuture(busy);
        }
        CompletableFuture<Lookup<V>> result = new CompletableFuture<>();
        try {
            loaders.execute(() -> {
                try {
                    Lookup<V> read = read(name);
                    if (!result.complete(read)) {
                        // Timed out meanwhile: no entry holds it, so nothing else would ever release it.
                        EntryReferences.release(read);
                    }
                } finally {
                    loadPermits.release();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            loadPermits.release();
            return CompletableFuture.completedFuture(new Unavailable<>("shutting down"));
        }
        return result.completeOnTimeout(timedOut, settings.loadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private Lookup<V> read(String name) {
        try {
            return source.load(DomainName.ofTrusted(name)).<Lookup<V>>map(Found::new).orElse(unknown);
        } catch (StoreException e) {
            warnings.warn("store unavailable, using what is cached: {}", e.getMessage());
            return new Unavailable<>(e.getClass().getSimpleName());
        } catch (UnusableValueException e) {
            // Per name and rare: worth a line each time it is read, which the negative TTL bounds.
            log.error("{} of {} unusable, treated as absent: {}", what, name, e.getMessage());
            return unknown;
        } catch (RuntimeException e) {
            log.error("{} read for {} failed unexpectedly", what, name, e);
            return new Unavailable<>(e.getClass().getSimpleName());
        }
    }

    private final class Loader implements AsyncCacheLoader<String, Lookup<V>> {
        @Override
        public CompletableFuture<Lookup<V>> asyncLoad(String name, Executor executor) {
            return load(name);
        }

        /** A failed re-read keeps the value in use: an outage must not take a working name down. */
        @Override
        public CompletableFuture<Lookup<V>> asyncReload(String name, Lookup<V> old, Executor executor) {
            return load(name).thenApply(fresh -> fresh instanceof Unavailable && old instanceof Found<V> found
                    ? EntryReferences.keep(found, fresh) : fresh);
        }
    }

    /** Values stay (size and events bound them); negative answers briefly; failures more briefly still. */
    private final class LookupExpiry implements Expiry<String, Lookup<V>> {
        @Override
        public long expireAfterCreate(String name, Lookup<V> lookup, long now) {
            return switch (lookup) {
                case Found<V> f -> Long.MAX_VALUE;
                case Lookup.Unknown<V> u -> settings.negativeTtl().toNanos();
                case Unavailable<V> u -> u == busy ? 0 : settings.unavailableTtl().toNanos();
            };
        }

        @Override
        public long expireAfterUpdate(String name, Lookup<V> lookup, long now, long currentDuration) {
            return expireAfterCreate(name, lookup, now);
        }

        @Override
        public long expireAfterRead(String name, Lookup<V> lookup, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
