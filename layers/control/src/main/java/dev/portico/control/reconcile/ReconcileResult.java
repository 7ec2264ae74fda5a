package dev.portico.control.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * What one reconciliation did. Counts are per domain.
 *
 * @param domainsRestored      records written to the store (missing, or older than the archive's)
 * @param certificatesRestored certificates written to the store with them
 * @param requeued             domains that came back without a usable certificate and had one requested
 * @param unchanged            records the store already held as new as the archive's
 * @param skippedRemoved       tombstones in the archive (domains being removed), never restored
 * @param unreadable           archived objects this version cannot read; logged with what to do
 * @param failed               domains that could not be restored this time (e.g. the queue failed); the next run
 *                             retries them
 * @param completed            true when the store's marker now says it is whole; false when a domain failed or the
 *                             store was wiped or re-reconciled while this ran
 */
public record ReconcileResult(int domainsRestored, int certificatesRestored, int requeued, int unchanged,
        int skippedRemoved, int unreadable, int failed, boolean completed, Duration took) {
    public ReconcileResult {
        Objects.requireNonNull(took, "took");
    }

    /** True when this run changed nothing in the store. */
    public boolean changedNothing() {
        return domainsRestored == 0 && certificatesRestored == 0 && requeued == 0;
    }
}
