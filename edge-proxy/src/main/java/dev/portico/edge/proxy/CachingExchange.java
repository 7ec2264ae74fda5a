package dev.portico.edge.proxy;

import dev.portico.edge.cache.BodyCopy;
import dev.portico.edge.cache.CacheControl;
import dev.portico.edge.cache.CacheKey;
import dev.portico.edge.cache.CachedResponse;
import dev.portico.edge.cache.EdgeCache;
import dev.portico.edge.cache.ResponseCache;
import dev.portico.edge.cache.ResponseMeta;
import dev.portico.edge.cache.Storability;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One exchange's dealings with the edge cache, for {@link ProxyFrontendHandler}: what the cache says of the request,
 * the validators to send when a stored response must be checked, whether the origin's answer replaces, confirms or
 * (on failure) gives way to the stored one, and the copy of a storable answer's body as it streams past.
 */
final class CachingExchange {
    /** What to do with the origin's response head. */
    enum OnResponse {
        /** Pass it on to the visitor (and store it if allowed). */
        PASS,
        /** Answer with the stored response instead (304 confirmed it, or the origin failed within stale-if-error). */
        SERVE_STORED
    }

    private final ResponseCache cache;
    private final CacheKey key;
    private final HttpRequest request;
    private final String tenant;
    private final boolean head;
    private ResponseCache.Decision decision;
    private boolean leading;
    private boolean waited;
    private Instant requestTime;
    private CachedResponse stored;
    private String storedXCache;
    private ResponseMeta responseMeta;
    private HttpResponse responseHead;
    private HttpHeaders storedHeaders;
    private BodyCopy body;

    /** @param request the visitor's request; only its line and headers are read, never after the exchange */
    CachingExchange(ResponseCache cache, CacheKey key, HttpRequest request, String tenant) {
        this.cache = cache;
        this.key = key;
        this.request = request;
        this.tenant = tenant;
        this.head = HttpMethod.HEAD.equals(request.method());
    }

    /** The decision for this request; a miss that may be stored joins or leads the fetch of its URL. */
    ResponseCache.Decision decide() {
        decision = cache.decide(request, key);
        return decision;
    }

    /** Empty: this exchange leads (or need not wait); present: wait for the leading one, then decide again. */
    Optional<CompletableFuture<Void>> waitForLeader() {
        if (waited || !(decision instanceof ResponseCache.Miss miss) || !miss.storable()) {
            return Optional.empty();
        }
        Optional<CompletableFuture<Void>> leader = cache.joinOrLead(key);
        leading = leader.isEmpty();
        waited = true;
        return leader;
    }

    /** Adds the stored response's validators to the origin request when it is to be validated. */
    void prepare(HttpRequest toOrigin) {
        requestTime = cache.now();
        if (decision instanceof ResponseCache.Validate validate && !hasOwnConditionals()) {
            stored = validate.stored();
            stored.meta().etag().ifPresent(etag -> toOrigin.headers().set(HttpHeaderNames.IF_NONE_MATCH, etag));
            String modified = stored.headers().get(HttpHeaderNames.LAST_MODIFIED);
            if (modified != null) {
                toOrigin.headers().set(HttpHeaderNames.IF_MODIFIED_SINCE, modified);
            }
        }
    }

    private boolean hasOwnConditionals() {
        HttpHeaders h = request.headers();
        return h.contains(HttpHeaderNames.IF_NONE_MATCH) || h.contains(HttpHeaderNames.IF_MODIFIED_SINCE)
                || h.contains(HttpHeaderNames.IF_MATCH) || h.contains(HttpHeaderNames.IF_UNMODIFIED_SINCE)
                || h.contains(HttpHeaderNames.IF_RANGE) || h.contains(HttpHeaderNames.RANGE);
    }

    OnResponse onResponse(HttpResponse response) {
        int status = response.status().code();
        if (isUnsafe() && status < 400) {
            // RFC 9111 section 4.4: a successful unsafe request invalidates what is stored for its URL, and for the
            // URLs its answer names in Location and Content-Location when they are on the same host.
            cache.store().purgeUrl(key.host(), key.target());
            for (CharSequence name : new CharSequence[] {HttpHeaderNames.LOCATION, HttpHeaderNames.CONTENT_LOCATION}) {
                sameHostTarget(response.headers().get(name)).ifPresent(t -> cache.store().purgeUrl(key.host(), t));
            }
            response.headers().set("x-cache", "BYPASS");
            response.headers().remove("surrogate-control");
            return OnResponse.PASS;
        }
        if (stored != null && status == 304) {
            stored = stored.refreshedBy(response.headers(), requestTime, cache.now());
            cache.store().store(key, stored);
            storedXCache = "REVALIDATED";
            return OnResponse.SERVE_STORED;
        }
        if (stored != null && status >= 500 && cache.mayServeOnError(stored, request)) {
            storedXCache = "STALE";
            return OnResponse.SERVE_STORED;
        }
        responseMeta = ResponseMeta.of(status, response.headers());
        boolean storable = decision instanceof ResponseCache.Miss miss ? miss.storable()
                : decision instanceof ResponseCache.Validate && !hasOwnConditionals() && !head;
        CacheControl asked = CacheControl.parse(request.headers().getAll(HttpHeaderNames.CACHE_CONTROL));
        Storability.Verdict verdict = Storability.decide(request.method().name(), asked,
                request.headers().contains(HttpHeaderNames.AUTHORIZATION), responseMeta);
        long length = HttpUtil.getContentLength(response, -1L);
        if (storable && verdict == Storability.Verdict.STORE && length <= cache.store().maxObjectBytes()) {
            responseHead = response;
            storedHeaders = response.headers().copy();
            body = new BodyCopy(cache.store().maxObjectBytes(), length);
            response.headers().set("x-cache", "MISS");
        } else {
            response.headers().set("x-cache", "BYPASS");
        }
        // For the edge only: stored with the response, never sent on.
        response.headers().remove("surrogate-control");
        return OnResponse.PASS;
    }

    /** A Location or Content-Location value as a target on this exchange's host: a path, or a URL on the host. */
    private java.util.Optional<String> sameHostTarget(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            java.net.URI base = java.net.URI.create("https://" + key.host() + key.target());
            java.net.URI resolved = base.resolve(value.strip());
            if (!key.host().equalsIgnoreCase(resolved.getHost())) {
                return java.util.Optional.empty();
            }
            String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
            return java.util.Optional.of(resolved.getRawQuery() == null ? path : path + "?" + resolved.getRawQuery());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private boolean isUnsafe() {
        String method = request.method().name();
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
                && !method.equals("TRACE");
    }

    /** Whether a stale stored response may answer instead of a failed origin. */
    boolean mayServeOnFailure() {
        if (stored != null && cache.mayServeOnError(stored, request)) {
            storedXCache = "STALE";
            return true;
        }
        return false;
    }

    FullHttpResponse storedResponse(HttpVersion version, boolean keepAlive) {
        FullHttpResponse response = cache.toResponse(stored, storedXCache, head, version);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** Copies what streams past while the answer may still be stored; gives up past the object size limit. */
    void collect(HttpContent content) {
        if (body != null && !body.add(content.content())) {
            body = null;
        }
    }

    /** The answer streamed past whole: stored under its key (and variant). */
    void completed() {
        if (body == null || responseHead == null) {
            return;
        }
        HttpHeaders headers = storedHeaders;
        OriginRequests.stripHopByHop(headers);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove("x-cache");
        cache.store().store(key, new CachedResponse(responseHead.status().code(), headers, body.toByteArray(),
                responseMeta, requestTime, cache.now(), EdgeCache.varyValues(responseMeta, request.headers()),
                tenant));
        body = null;
    }

    /** The exchange is over, however it ended: whoever waited for this miss decides again. */
    void end() {
        body = null;
        if (leading) {
            leading = false;
            cache.fetched(key);
        }
    }
}
