package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Domains whose renewals keep failing: how many times in a row, and since when. The streak sets the next retry's
 * delay and feeds the "oldest failing domain" metric and alarm.
 *
 * <p>Contract: {@link #recordFailure} is atomic (two workers failing at once count two); the first failure of a
 * streak sets its start, later ones keep it; {@link #clear} ends the streak (a renewal succeeded, or the domain was
 * removed, which {@link DomainStore#remove(DomainName, TenantId)} does atomically).
 */
public interface RenewalFailures {
    /** Counts one more failure and returns the streak as it now stands. */
    Streak recordFailure(DomainName domain, Instant now) throws StoreException;

    void clear(DomainName domain) throws StoreException;

    /** The current streak of the domain, if its last renewal failed. */
    Optional<Streak> find(DomainName domain) throws StoreException;

    /** How many domains have a streak. */
    long count() throws StoreException;

    /** The longest-running streak. */
    Optional<Streak> oldest() throws StoreException;

    /** @param failures failed renewals in a row, at least 1 */
    record Streak(DomainName domain, Instant since, int failures) {
        public Streak {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(since, "since");
            if (failures < 1) {
                throw new IllegalArgumentException("a streak has at least one failure, got " + failures);
            }
        }
    }
}
