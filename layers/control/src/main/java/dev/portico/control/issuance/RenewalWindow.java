package dev.portico.control.issuance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a certificate is due for renewal. Pure functions of the certificate's validity and "now", so they are tested
 * as tables and every instance agrees.
 */
public final class RenewalWindow {
    /** Below this lifetime (Let's Encrypt's six-day certificates) half of it is kept in reserve instead of a third. */
    static final Duration SHORT_LIVED = Duration.ofDays(10);
    static final Duration MIN_RETRY = Duration.ofHours(1);
    static final Duration MAX_RETRY = Duration.ofDays(1);
    static final Duration RENEWAL_INFO_DEFAULT = Duration.ofHours(6);
    static final Duration RENEWAL_INFO_MIN = Duration.ofMinutes(1);
    static final Duration RENEWAL_INFO_MAX = Duration.ofHours(12);

    private RenewalWindow() {
    }

    /**
     * Renew when a third of the lifetime is left, or half for certificates shorter than ten days: the reserve is what
     * absorbs a CA outage or a failing renewal before visitors see an expired certificate (as certmagic does). To the
     * millisecond, the precision every store keeps, so the record and the renewal index agree.
     */
    public static Instant renewAt(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        Duration reserve = lifetime.compareTo(SHORT_LIVED) < 0 ? lifetime.dividedBy(2) : lifetime.dividedBy(3);
        return notAfter.minus(reserve).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Renew-at under the CA's suggested window (RFC 9773): a random point of the window ({@code random} in [0, 1)),
     * so that certificates issued together are not renewed together; kept as it is when it already lies inside the
     * window, so checking twice a day does not keep re-drawing it (each draw would give an earlier point a new
     * chance); now when the window has passed (a revoked or mis-issued certificate gets a window in the past).
     */
    public static Instant followSuggestion(Instant current, Instant windowStart, Instant windowEnd, Instant now,
            double random) {
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("window ends " + windowEnd + " before it starts " + windowStart);
        }
        if (!windowEnd.isAfter(now)) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant from = windowStart.isAfter(now) ? windowStart : now;
        if (!current.isBefore(from) && !current.isAfter(windowEnd)) {
            return current;
        }
        double r = Math.min(Math.max(random, 0.0), Math.nextDown(1.0));
        long span = Duration.between(from, windowEnd).toMillis();
        return from.plusMillis((long) (r * span)).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * When to ask the CA again: when its {@code Retry-After} says, but at least twice a day (a revocation must be
     * seen within hours) and at most once a minute; every {@link #RENEWAL_INFO_DEFAULT} when it does not say.
     */
    public static Instant nextRenewalInfoCheck(Instant now, java.util.Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElse(RENEWAL_INFO_DEFAULT);
        if (wait.compareTo(RENEWAL_INFO_MIN) < 0) {
            wait = RENEWAL_INFO_MIN;
        } else if (wait.compareTo(RENEWAL_INFO_MAX) > 0) {
            wait = RENEWAL_INFO_MAX;
        }
        return now.plus(wait).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * When to try a renewal again after it failed for a reason the tenant must fix, while the current certificate is
     * still served: a quarter of the time left, at least an hour (CAs count failed validations per hour) and at most
     * a day, and never after expiry.
     */
    public static Instant retryFailedRenewal(Instant now, Instant notAfter) {
        Duration left = Duration.between(now, notAfter);
        if (left.isNegative() || left.isZero()) {
            return now.plus(MIN_RETRY);
        }
        Duration wait = left.dividedBy(4);
        wait = wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
        Instant at = now.plus(wait);
        return at.isAfter(notAfter) ? notAfter : at;
    }
}
