package dev.portico.edge.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How long a stored response stays fresh, and how old it is (RFC 9111 sections 4.2.1 to 4.2.3), for a shared cache.
 * Pure: every instant is an argument.
 */
public final class Freshness {
    /** Statuses cacheable by default, so a heuristic lifetime may apply (RFC 9110 section 15.1). */
    static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410,
            414, 501);
    /** The heuristic: a tenth of the time since Last-Modified, at most a day (RFC 9111 section 4.2.2). */
    static final Duration MAX_HEURISTIC = Duration.ofDays(1);

    private Freshness() {
    }

    /** The freshness lifetime; zero when nothing gives one (stored responses then need validation before use). */
    public static Duration lifetime(ResponseMeta response) {
        if (response.ageInvalid()) {
            return Duration.ZERO;
        }
        CacheControl cc = response.cacheControl();
        if (cc.sMaxAge().isPresent()) {
            return cc.sMaxAge().get();
        }
        if (cc.maxAge().isPresent()) {
            return cc.maxAge().get();
        }
        if (response.expiresInvalid()) {
            return Duration.ZERO;
        }
        if (response.expires().isPresent()) {
            Instant base = response.date().orElse(null);
            if (base == null) {
                return Duration.ZERO;
            }
            Duration lifetime = Duration.between(base, response.expires().get());
            return lifetime.isNegative() ? Duration.ZERO : lifetime;
        }
        if (HEURISTICALLY_CACHEABLE.contains(response.status()) && response.lastModified().isPresent()
                && response.date().isPresent()) {
            Duration sinceModified = Duration.between(response.lastModified().get(), response.date().get());
            if (!sinceModified.isNegative()) {
                Duration tenth = sinceModified.dividedBy(10);
                return tenth.compareTo(MAX_HEURISTIC) > 0 ? MAX_HEURISTIC : tenth;
            }
        }
        return Duration.ZERO;
    }

    /** Whether anything in the response gives it a lifetime (else only heuristics or validation can). */
    static boolean hasExplicitLifetime(ResponseMeta response) {
        CacheControl cc = response.cacheControl();
        return cc.sMaxAge().isPresent() || cc.maxAge().isPresent() || response.expires().isPresent()
                || response.expiresInvalid();
    }

    /**
     * The response's age now (RFC 9111 section 4.2.3).
     *
     * @param requestTime  when the request that brought it was sent to the origin
     * @param responseTime when its response arrived
     */
    public static Duration currentAge(ResponseMeta response, Instant requestTime, Instant responseTime,
            Instant now) {
        Duration apparentAge = response.date()
                .map(date -> Duration.between(date, responseTime))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        Duration responseDelay = Duration.between(requestTime, responseTime);
        Duration correctedAgeValue = response.age().orElse(Duration.ZERO).plus(responseDelay);
        Duration correctedInitialAge = apparentAge.compareTo(correctedAgeValue) > 0 ? apparentAge
                : correctedAgeValue;
        Duration residentTime = Duration.between(responseTime, now);
        return correctedInitialAge.plus(residentTime.isNegative() ? Duration.ZERO : residentTime);
    }
}
