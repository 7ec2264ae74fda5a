package dev.portico.edge.cache;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the cache rules need of a response, read once from its headers: status, directives, dates, validators,
 * Vary, cookies, and the tags purges name ({@code Surrogate-Key} or {@code Cache-Tag}).
 */
public record ResponseMeta(int status, CacheControl cacheControl, Optional<Instant> date, Optional<Instant> expires,
        boolean expiresInvalid, Optional<Instant> lastModified, Optional<Duration> age, boolean ageInvalid,
        Optional<String> etag, List<String> vary, boolean setsCookie, List<String> tags) {

    public static ResponseMeta of(int status, HttpHeaders headers) {
        String expiresValue = headers.get(HttpHeaderNames.EXPIRES);
        Optional<Instant> expires = date(expiresValue);
        List<String> ages = headers.getAll(HttpHeaderNames.AGE);
        Optional<Duration> age = ages.size() == 1 ? age(ages.get(0).strip()) : Optional.empty();
        // A CDN's own directives (Surrogate-Control), when the origin sends them, decide for the edge instead of
        // Cache-Control, which is then for browsers only.
        List<String> surrogate = forThisSurrogate(headers.getAll("surrogate-control"));
        CacheControl directives = surrogate.isEmpty()
                ? CacheControl.parse(headers.getAll(HttpHeaderNames.CACHE_CONTROL))
                : CacheControl.parse(surrogate).asSharedCacheDirectives();
        return new ResponseMeta(status,
                directives,
                date(headers.get(HttpHeaderNames.DATE)),
                expires,
                expiresValue != null && expires.isEmpty(),
                date(headers.get(HttpHeaderNames.LAST_MODIFIED)),
                age,
                // Several Age lines, or one that is not plain digits: how old it is cannot be known, so it is
                // treated as stale (validated before use) rather than trusted.
                !ages.isEmpty() && age.isEmpty(),
                Optional.ofNullable(headers.get(HttpHeaderNames.ETAG)),
                lowerCaseList(headers.getAll(HttpHeaderNames.VARY)),
                headers.contains(HttpHeaderNames.SET_COOKIE),
                tags(headers));
    }

    /**
     * One Age value: plain delta-seconds, or a list run together without spaces ({@code 0,7200}), read by its first
     * member (RFC 9111 section 5.1). Anything else (signs, fractions, parameters, a list with spaces, which is what
     * two joined header lines look like) leaves the age unknown, and the response is treated as stale.
     */
    static Optional<Duration> age(String value) {
        int comma = value.indexOf(',');
        String first = comma > 0 && value.substring(comma + 1).chars().allMatch(c -> c >= '0' && c <= '9')
                && comma + 1 < value.length() ? value.substring(0, comma) : value;
        return CacheControl.seconds(first);
    }

    /** What the edge announces in Surrogate-Capability; Surrogate-Control directives may target it (";portico"). */
    public static final String SURROGATE_TOKEN = "portico";

    /**
     * Surrogate-Control directives meant for this cache (Edge Architecture 1.0): untargeted ones, and those
     * targeted {@code ;portico}, the target dropped. Directives for other surrogates are ignored.
     */
    static List<String> forThisSurrogate(List<String> values) {
        List<String> mine = new ArrayList<>();
        for (String value : values) {
            for (String directive : value.split(",")) {
                int semicolon = directive.indexOf(';');
                if (semicolon < 0) {
                    mine.add(directive.strip());
                } else if (directive.substring(semicolon + 1).strip().equalsIgnoreCase(SURROGATE_TOKEN)) {
                    mine.add(directive.substring(0, semicolon).strip());
                }
            }
        }
        return mine;
    }

    private static Optional<Instant> date(String value) {
        if (value == null) {
            return Optional.empty();
        }
        java.util.Date parsed = DateFormatter.parseHttpDate(value);
        return parsed == null ? Optional.empty() : Optional.of(parsed.toInstant());
    }

    private static List<String> lowerCaseList(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                String name = item.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Space-separated in Surrogate-Key (Fastly), comma-separated in Cache-Tag (Cloudflare); both accepted. */
    private static List<String> tags(HttpHeaders headers) {
        List<String> out = new ArrayList<>();
        for (String value : headers.getAll("surrogate-key")) {
            for (String tag : value.split("\\s+")) {
                if (!tag.isBlank()) {
                    out.add(tag.strip());
                }
            }
        }
        for (String value : headers.getAll("cache-tag")) {
            for (String tag : value.split(",")) {
                if (!tag.isBlank()) {
                    out.add(tag.strip());
                }
            }
        }
        return List.copyOf(out);
    }
}
