package dev.portico.edge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The stored responses, bounded by bytes; Caffeine's W-TinyLFU decides what goes when full. Under one key live the
 * variants Vary distinguishes. Purges remove entries (idempotent: purging twice removes nothing more) by host, exact
 * URL, path prefix, or tag; a tag purge touches only the named tenant's entries.
 */
public final class EdgeCache {
    /** Variants of one URL; few, so a list. */
    private record Variants(List<CachedResponse> entries) {
        int weight() {
            int total = 0;
            for (CachedResponse r : entries) {
                total += r.weight();
            }
            return total;
        }
    }

    private final Cache<CacheKey, Variants> entries;
    private final long maxObjectBytes;
    private final LongAdder purged = new LongAdder();

    /**
     * @param maxBytes       the bound on everything stored
     * @param maxObjectBytes a response larger than this streams past the cache
     */
    public EdgeCache(long maxBytes, long maxObjectBytes) {
        this.maxObjectBytes = maxObjectBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, Variants v) -> v.weight())
                .build();
    }

    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** The variant stored for this request, if any (whatever its freshness: the caller decides). */
    public Optional<CachedResponse> find(CacheKey key, HttpHeaders request) {
        Variants variants = entries.getIfPresent(key);
        if (variants == null) {
            return Optional.empty();
        }
        for (CachedResponse candidate : variants.entries()) {
            if (matches(candidate, request)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public void store(CacheKey key, CachedResponse response) {
        entries.asMap().compute(key, (k, old) -> {
            List<CachedResponse> next = new ArrayList<>();
            if (old != null && !response.meta().vary().isEmpty()) {
                for (CachedResponse r : old.entries()) {
                    // Same Vary names and values: the new one replaces it; other variants stay.
                    if (!r.meta().vary().equals(response.meta().vary())
                            || !r.varyValues().equals(response.varyValues())) {
                        next.add(r);
                    }
                }
            }
            next.add(response);
            return new Variants(List.copyOf(next));
        });
    }

    /** The request header values a response's Vary names, normalized, to store beside it. */
    public static Map<String, String> varyValues(ResponseMeta response, HttpHeaders request) {
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (String name : response.vary()) {
            values.put(name, normalized(request, name));
        }
        return values;
    }

    private static boolean matches(CachedResponse candidate, HttpHeaders request) {
        for (Map.Entry<String, String> v : candidate.varyValues().entrySet()) {
            if (!v.getValue().equals(normalized(request, v.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** All values of the field, joined, whitespace around commas dropped (RFC 9111 section 4.1). */
    private static String normalized(HttpHeaders request, String name) {
        List<String> values = request.getAll(name);
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!out.isEmpty()) {
                    out.append(',');
                }
                out.append(part.strip());
            }
        }
        return name.equalsIgnoreCase("accept-encoding") ? out.toString().toLowerCase(Locale.ROOT) : out.toString();
    }

    /** Everything cached for a host. */
    public long purgeHost(String host) {
        return removeIf(key -> key.host().equals(host), r -> true);
    }

    /** One URL (every variant). */
    public long purgeUrl(String host, String target) {
        return removeIf(key -> key.host().equals(host) && key.target().equals(target), r -> true);
    }

    /** Every URL of a host whose path starts with the prefix. */
    public long purgePrefix(String host, String pathPrefix) {
        return removeIf(key -> key.host().equals(host) && key.path().startsWith(pathPrefix), r -> true);
    }

    /** Every entry of the tenant's that the origin tagged so (Surrogate-Key or Cache-Tag). */
    public long purgeTag(String tenant, String tag) {
        return removeIf(key -> true, r -> r.tenant().equals(tenant) && r.meta().tags().contains(tag));
    }

    private long removeIf(Predicate<CacheKey> keys, Predicate<CachedResponse> responses) {
        long[] removed = {0};
        for (CacheKey key : List.copyOf(entries.asMap().keySet())) {
            if (!keys.test(key)) {
                continue;
            }
            entries.asMap().computeIfPresent(key, (k, variants) -> {
                List<CachedResponse> kept = new ArrayList<>();
                for (CachedResponse r : variants.entries()) {
                    if (responses.test(r)) {
                        removed[0]++;
                    } else {
                        kept.add(r);
                    }
                }
                return kept.isEmpty() ? null : new Variants(List.copyOf(kept));
            });
        }
        purged.add(removed[0]);
        return removed[0];
    }

    /** Entries (URLs) and their weight, for the metrics page. */
    public long size() {
        return entries.estimatedSize();
    }

    public long weightedBytes() {
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long purgedCount() {
        return purged.sum();
    }
}
