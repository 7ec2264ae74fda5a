package dev.portico.control.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Days-to-expiry buckets for the certificate count metric: disjoint, covering all time, so they add up to the number
 * of certificates. The 7-day line is the alarm's: with renewals starting at a third of the lifetime left, a
 * certificate that gets there has failed to renew for weeks.
 */
public enum ExpiryBuckets {
    EXPIRED("expired", null, Duration.ZERO),
    WITHIN_7_DAYS("0-7", Duration.ZERO, Duration.ofDays(7)),
    WITHIN_14_DAYS("7-14", Duration.ofDays(7), Duration.ofDays(14)),
    WITHIN_30_DAYS("14-30", Duration.ofDays(14), Duration.ofDays(30)),
    LATER("30+", Duration.ofDays(30), null);

    private final String label;
    private final Duration from;
    private final Duration to;

    ExpiryBuckets(String label, Duration from, Duration to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    /** The bucket's start as an instant seen from {@code now}; the far past for {@link #EXPIRED}. */
    public Instant from(Instant now) {
        return from == null ? Instant.EPOCH : now.plus(from);
    }

    /** The bucket's end (exclusive); the far future for {@link #LATER}. */
    public Instant to(Instant now) {
        return to == null ? Instant.ofEpochMilli(1L << 52) : now.plus(to);
    }

    public static List<ExpiryBuckets> all() {
        return List.of(values());
    }
}
