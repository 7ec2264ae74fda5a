package dev.portico.control.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scheduled run did and saw.
 *
 * @param infoChecked        certificates whose renewal information was read
 * @param infoMoved          of those, how many got a new renew-at inside the CA's window
 * @param infoFailed         reads that failed (retried at a later run)
 * @param infoOffered        false when the CA has no renewal information (renew-at stays at a third of the lifetime)
 * @param enqueued           renewals put on the issuance queue
 * @param enqueueFailed      true when the queue refused one: the rest wait for the next run
 * @param dueAfter           renewals still due after this run (a backlog drains over the next runs)
 * @param byDaysToExpiry     certificates per {@link ExpiryBuckets#label()}
 * @param failing            domains whose last renewal failed
 * @param oldestFailure      the longest-failing domain and for how long
 */
public record RenewalRun(Instant at, int infoChecked, int infoMoved, int infoFailed, boolean infoOffered,
        int enqueued, boolean enqueueFailed, long dueAfter, Map<String, Long> byDaysToExpiry, long failing,
        Optional<OldestFailure> oldestFailure) {
    public RenewalRun {
        Objects.requireNonNull(at, "at");
        byDaysToExpiry = Map.copyOf(byDaysToExpiry);
        Objects.requireNonNull(oldestFailure, "oldestFailure");
    }

    /** Certificates that expire within seven days, expired ones included: what the alarm watches. */
    public long expiringWithin7Days() {
        return byDaysToExpiry.getOrDefault(ExpiryBuckets.EXPIRED.label(), 0L)
                + byDaysToExpiry.getOrDefault(ExpiryBuckets.WITHIN_7_DAYS.label(), 0L);
    }

    public record OldestFailure(String domain, Duration failingFor, int failures) {
    }
}
