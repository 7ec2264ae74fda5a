package dev.portico.edge.cache;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge cache as the proxy uses it: for a request, whether a stored response may answer it (fresh, or stale within
 * what the directives allow), must be validated with the origin first, or is missing; and the bookkeeping that lets
 * concurrent misses for one URL wait for a single origin request. Thread-safe; decisions read the injected clock.
 */
public final class ResponseCache {
    /** What to do with a request. */
    public sealed interface Decision {
    }

    /** Answer from the cache; {@code revalidate} asks for a background check (stale-while-revalidate). */
    public record Serve(CachedResponse response, String xCache, boolean revalidate) implements Decision {
    }

    /** Ask the origin whether the stored response still holds (a conditional request); it may also answer a failure. */
    public record Validate(CachedResponse stored) implements Decision {
    }

    /** Nothing usable stored; {@code storable} says whether the request's answer may be stored. */
    public record Miss(boolean storable) implements Decision {
    }

    private final EdgeCache store;
    private final Clock clock;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Void>> fetching = new ConcurrentHashMap<>();

    public ResponseCache(EdgeCache store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EdgeCache store() {
        return store;
    }

    public Instant now() {
        return clock.instant();
    }

    public Decision decide(HttpRequest request, CacheKey key) {
        String method = request.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Miss(false);
        }
        HttpHeaders headers = request.headers();
        CacheControl asked = CacheControl.parse(headers.getAll(HttpHeaderNames.CACHE_CONTROL));
        boolean storable = !asked.noStore() && method.equals("GET");
        Optional<CachedResponse> found = store.find(key, headers);
        if (found.isEmpty()) {
            return new Miss(storable);
        }
        CachedResponse stored = found.get();
        Instant now = clock.instant();
        Duration staleness = stored.staleness(now);
        CacheControl kept = stored.meta().cacheControl();
        boolean pragmaNoCache = !headers.contains(HttpHeaderNames.CACHE_CONTROL)
                && headers.containsValue(HttpHeaderNames.PRAGMA, "no-cache", true);
        boolean mustValidate = kept.noCache() || asked.noCache() || pragmaNoCache
                || asked.maxAge().map(max -> stored.age(now).compareTo(max) > 0).orElse(false)
                || asked.minFresh().map(min -> staleness.plus(min).compareTo(Duration.ZERO) > 0).orElse(false);
        if (!mustValidate && staleness.isNegative()) {
            return new Serve(stored, "HIT", false);
        }
        if (!mustValidate && !kept.mustRevalidate() && !kept.proxyRevalidate() && kept.sMaxAge().isEmpty()) {
            if (kept.staleWhileRevalidate().map(w -> staleness.compareTo(w) <= 0).orElse(false)) {
                return new Serve(stored, "STALE", true);
            }
            if (asked.maxStale().map(w -> staleness.compareTo(w) <= 0).orElse(false)) {
                return new Serve(stored, "STALE", false);
            }
        }
        return new Validate(stored);
    }

    private static boolean notModified(CachedResponse stored, HttpHeaders request) {
        String ifNoneMatch = request.get(HttpHeaderNames.IF_NONE_MATCH);
        Optional<String> etag = stored.meta().etag();
        if (ifNoneMatch != null) {
            if (etag.isEmpty()) {
                return false;
            }
            String stripped = weakless(etag.get());
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.strip();
                if (c.equals("*") || weakless(c).equals(stripped)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (ifModifiedSince != null && stored.meta().lastModified().isPresent()) {
            java.util.Date since = io.netty.handler.codec.DateFormatter.parseHttpDate(ifModifiedSince);
            return since != null && !stored.meta().lastModified().get().isAfter(since.toInstant());
        }
        return false;
    }

    /** Weak comparison (RFC 9110 section 8.8.3.2), as If-None-Match uses. */
    private static String weakless(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    /** Whether a stale response may stand in for an origin failure (stale-if-error, RFC 5861). */
    public boolean mayServeOnError(CachedResponse stored, HttpRequest request) {
        CacheControl kept = stored.meta().cacheControl();
        CacheControl asked = CacheControl.parse(request.headers().getAll(HttpHeaderNames.CACHE_CONTROL));
        Duration staleness = stored.staleness(clock.instant());
        if (kept.mustRevalidate() || kept.proxyRevalidate() || kept.noCache()) {
            return false;
        }
        Optional<Duration> window = asked.staleIfError().or(kept::staleIfError);
        return window.map(w -> staleness.compareTo(w) <= 0).orElse(false);
    }

    /**
     * Joins a miss already going to the origin for this URL, or becomes the one that goes. Empty: the caller leads
     * and must call {@link #fetched} when its exchange ends, whatever happened. Present: wait for it, then decide again.
     */
    public Optional<CompletableFuture<Void>> joinOrLead(CacheKey key) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> theirs = fetching.putIfAbsent(key, mine);
        return Optional.ofNullable(theirs);
    }

    /** The leading miss for this URL ended; whoever waited decides again. */
    public void fetched(CacheKey key) {
        CompletableFuture<Void> done = fetching.remove(key);
        if (done != null) {
            done.complete(null);
        }
    }

    /** A stored response as the visitor gets it: its headers, an Age, X-Cache, and its body unless HEAD. */
    public FullHttpResponse toResponse(CachedResponse stored, String xCache, boolean head, HttpVersion version) {
        return toResponse(stored, xCache, head, version, null);
    }

    /**
     * As above, or 304 Not Modified when the visitor's own validators match the stored response (RFC 9110 section
     * 13.2.2: If-None-Match wins over If-Modified-Since).
     */
    public FullHttpResponse toResponse(CachedResponse stored, String xCache, boolean head, HttpVersion version,
            HttpHeaders request) {
        if (request != null && stored.status() == 200 && notModified(stored, request)) {
            FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.NOT_MODIFIED);
            for (CharSequence name : new CharSequence[] {HttpHeaderNames.ETAG, HttpHeaderNames.CACHE_CONTROL,
                HttpHeaderNames.EXPIRES, HttpHeaderNames.VARY, HttpHeaderNames.DATE, HttpHeaderNames.LAST_MODIFIED}) {
                String value = stored.headers().get(name);
                if (value != null) {
                    response.headers().set(name, value);
                }
            }
            response.headers().set(HttpHeaderNames.AGE, Long.toString(Math.max(0, stored.age(clock.instant())
                    .toSeconds())));
            response.headers().set("x-cache", xCache);
            return response;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(stored.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(stored.body()));
        response.headers().set(stored.headers());
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        response.headers().remove("surrogate-control");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, stored.body().length);
        response.headers().set(HttpHeaderNames.AGE, Long.toString(Math.max(0, stored.age(clock.instant())
                .toSeconds())));
        response.headers().set("x-cache", xCache);
        return response;
    }
}
