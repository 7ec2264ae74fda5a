package dev.portico.edge.cache;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One stored response: status, headers (hop-by-hop ones already gone), the whole body, when it was asked for and
 * received (for its age), the request header values its Vary names, and the tenant whose site it is (purges by tag
 * never cross tenants).
 */
public record CachedResponse(int status, HttpHeaders headers, byte[] body, ResponseMeta meta, Instant requestTime,
        Instant responseTime, Map<String, String> varyValues, String tenant) {

    /** A rough heap cost, for the cache's byte bound: the body plus headers and bookkeeping. */
    static final int OVERHEAD_BYTES = 512;

    public CachedResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(meta, "meta");
        varyValues = Map.copyOf(varyValues);
    }

    public Duration age(Instant now) {
        return Freshness.currentAge(meta, requestTime, responseTime, now);
    }

    public Duration lifetime() {
        return Freshness.lifetime(meta);
    }

    /** How long past its lifetime it is now; negative while fresh. */
    public Duration staleness(Instant now) {
        return age(now).minus(lifetime());
    }

    int weight() {
        int headerBytes = 0;
        for (Map.Entry<String, String> h : headers) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return body.length + headerBytes + OVERHEAD_BYTES;
    }

    /**
     * Fields a 304 does not replace (RFC 9111 section 3.2): the stored body's own framing and encoding, the validator
     * it was matched by, and the fields that describe one hop only.
     */
    private static final Set<String> KEPT_ON_304 = Set.of("content-length", "content-encoding", "content-md5",
            "content-range", "etag", "transfer-encoding", "connection", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade");

    /** The same response with the headers and times of a 304 that confirmed it (RFC 9111 section 4.3.4). */
    public CachedResponse refreshedBy(HttpHeaders notModified, Instant requested, Instant received) {
        HttpHeaders merged = headers.copy();
        for (String name : notModified.names()) {
            if (!KEPT_ON_304.contains(name.toLowerCase(Locale.ROOT))) {
                merged.set(name, notModified.getAll(name));
            }
        }
        return new CachedResponse(status, merged, body, ResponseMeta.of(status, merged), requested, received,
                varyValues, tenant);
    }
}
