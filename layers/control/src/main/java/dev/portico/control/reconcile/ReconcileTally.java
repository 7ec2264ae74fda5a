package dev.portico.control.reconcile;

import java.time.Duration;

/** Counts what a reconciliation did, one domain's {@link Step} at a time; used by one thread. */
final class ReconcileTally {
    /** What reconciling one domain came to. */
    enum Step {
        RESTORED, RESTORED_WITH_CERTIFICATE, RESTORED_AND_REQUEUED, UNCHANGED, SKIPPED_REMOVED, UNREADABLE, FAILED,
        /** Listed, but gone from the archive by the time it was read (removed meanwhile). */
        GONE
    }

    private int domainsRestored;
    private int certificatesRestored;
    private int requeued;
    private int unchanged;
    private int skippedRemoved;
    private int unreadable;
    private int failed;

    void count(Step step) {
        switch (step) {
            case RESTORED -> domainsRestored++;
            case RESTORED_WITH_CERTIFICATE -> {
                domainsRestored++;
                certificatesRestored++;
            }
            case RESTORED_AND_REQUEUED -> {
                domainsRestored++;
                requeued++;
            }
            case UNCHANGED -> unchanged++;
            case SKIPPED_REMOVED -> skippedRemoved++;
            case UNREADABLE -> unreadable++;
            case FAILED -> failed++;
            case GONE -> { }
        }
    }

    int failed() {
        return failed;
    }

    ReconcileResult result(boolean completed, Duration took) {
        return new ReconcileResult(domainsRestored, certificatesRestored, requeued, unchanged, skippedRemoved,
                unreadable, failed, completed, took);
    }
}
