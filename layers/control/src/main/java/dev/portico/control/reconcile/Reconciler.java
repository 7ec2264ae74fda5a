package dev.portico.control.reconcile;

import dev.portico.control.reconcile.ReconcileTally.Step;
import dev.portico.core.archive.RecordArchive;
import dev.portico.core.archive.UnreadableArchiveEntryException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.QueueException;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.Page;
import dev.portico.core.store.ReconcileMarker;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the serving store from the record archive. {@link #reconcileIfLost()} is what a schedule calls: one read
 * of the store's marker, and a full run only when it is missing (the store lost its data, or was never reconciled).
 * {@link #reconcile()} is the full run, for an operator too: it pages through the archive ({@code pageSize} names at
 * a time, several domains at once) and applies each domain's {@link ReconcilePlan}. Idempotent: a second run finds every record as new as
 * the archive's and changes nothing. Proxies keep serving what they hold while it runs.
 *
 * <p>A store or archive failure stops the run with a {@link StoreException} and leaves the marker unfinished, so
 * the next scheduled run starts over; what was restored stays restored.
 */
public final class Reconciler {
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Domains reconciled at once; keep it at or below the Redis pool size (8 by default). */
    public static final int DEFAULT_PARALLELISM = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final RecordArchive archive;
    private final DomainStore domains;
    private final CertificateStore certificates;
    private final RenewalIndex renewals;
    private final ReconcileMarker marker;
    private final IssuanceQueue queue;
    private final Clock clock;
    private final int pageSize;
    private final int parallelism;

    /** With {@value #DEFAULT_PARALLELISM} domains at a time. */
    public Reconciler(RecordArchive archive, DomainStore domains, CertificateStore certificates,
            RenewalIndex renewals, ReconcileMarker marker, IssuanceQueue queue, Clock clock, int pageSize) {
        this(archive, domains, certificates, renewals, marker, queue, clock, pageSize, DEFAULT_PARALLELISM);
    }

    /** @param parallelism domains reconciled at once, 1 to 64 */
    public Reconciler(RecordArchive archive, DomainStore domains, CertificateStore certificates,
            RenewalIndex renewals, ReconcileMarker marker, IssuanceQueue queue, Clock clock, int pageSize,
            int parallelism) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.renewals = Objects.requireNonNull(renewals, "renewals");
        this.marker = Objects.requireNonNull(marker, "marker");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (pageSize < 1 || pageSize > RecordArchive.MAX_PAGE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + RecordArchive.MAX_PAGE + ", got " + pageSize);
        }
        this.pageSize = pageSize;
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1 to 64, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** Runs {@link #reconcile()} when the store's marker is missing or unfinished; empty when the store is whole. */
    public Optional<ReconcileResult> reconcileIfLost() throws StoreException {
        Optional<Instant> last = marker.completedAt();
        if (last.isPresent()) {
            LOG.atDebug().addKeyValue("event", "reconcile_not_needed").addKeyValue("last_completed", last.get())
                    .log("store marker present (last reconcile {}); nothing to do", last.get());
            return Optional.empty();
        }
        LOG.atWarn().addKeyValue("event", "reconcile_store_lost")
                .log("store marker missing: the store lost its data or was never reconciled; rebuilding it from the"
                        + " record archive");
        return Optional.of(reconcile());
    }

    /** Restores every archived domain the store lacks or holds older; see {@link ReconcilePlan} for the rules. */
    public ReconcileResult reconcile() throws StoreException {
        Instant started = clock.instant();
        String token = marker.begin(started);
        LOG.atInfo().addKeyValue("event", "reconcile_started").addKeyValue("page_size", pageSize)
                .addKeyValue("parallelism", parallelism).log("reconcile started");
        ReconcileTally tally = new ReconcileTally();
        Optional<String> cursor = Optional.empty();
        try (ExecutorService workers = Executors.newFixedThreadPool(parallelism)) {
            do {
                Page<DomainName> page = archive.list(cursor, pageSize);
                for (Step step : ParallelPage.run(workers, page.items(), this::reconcile)) {
                    tally.count(step);
                }
                cursor = page.next();
            } while (cursor.isPresent());
        }
        boolean completed = tally.failed() == 0 && marker.complete(token, clock.instant());
        ReconcileResult result = tally.result(completed, Duration.between(started, clock.instant()));
        LOG.atInfo().addKeyValue("event", "reconcile_finished").addKeyValue("domains_restored", result.domainsRestored())
                .addKeyValue("certificates_restored", result.certificatesRestored())
                .addKeyValue("requeued", result.requeued()).addKeyValue("unchanged", result.unchanged())
                .addKeyValue("skipped_removed", result.skippedRemoved()).addKeyValue("unreadable", result.unreadable())
                .addKeyValue("failed", result.failed()).addKeyValue("completed", completed)
                .addKeyValue("took_ms", result.took().toMillis())
                .log(completed ? "reconcile finished; the store is whole" : "reconcile finished without marking the"
                        + " store whole (a domain failed, or the store was wiped or reconciled again meanwhile); the"
                        + " next scheduled run repeats it");
        return result;
    }

    private Step reconcile(DomainName domain) throws StoreException {
        ReconcilePlan plan;
        try {
            Optional<DomainRecord> archived = archive.find(domain);
            if (archived.isEmpty()) {
                return Step.GONE; // removed since the listing
            }
            plan = ReconcilePlan.decide(archived.get(), archive.findCertificate(domain), domains.find(domain),
                    clock.instant());
        } catch (UnreadableArchiveEntryException e) {
            LOG.atError().addKeyValue("event", "reconcile_unreadable").addKeyValue("domain", domain.ascii())
                    .setCause(e).log("{}: not restored: {}", domain, e.getMessage());
            return Step.UNREADABLE;
        }
        return switch (plan.kind()) {
            case UNCHANGED -> Step.UNCHANGED;
            case SKIP_REMOVED -> Step.SKIPPED_REMOVED;
            case RESTORE, REPLACE_OLDER -> apply(domain, plan);
        };
    }

    private Step apply(DomainName domain, ReconcilePlan plan) throws StoreException {
        DomainRecord record = plan.write().orElseThrow();
        if (plan.certificate().isPresent()) {
            certificates.put(plan.certificate().get());
        }
        boolean written = plan.replace() ? domains.update(record) : domains.create(record);
        if (!written) {
            return Step.UNCHANGED; // a live writer got there first; theirs is newer
        }
        if (plan.renewAt().isPresent()) {
            renewals.schedule(domain, plan.renewAt().get());
        }
        if (plan.certificate().isPresent()) {
            // The other renewal indexes too: expiry counts feed the alarms, and the CA's renewal information may
            // have moved (a revocation) while the store was away, so it is asked again at the next run.
            renewals.recordExpiry(domain, plan.certificate().get().notAfter());
            renewals.scheduleRenewalInfoCheck(domain, clock.instant());
        }
        if (plan.requestIssue() && !requestIssue(record)) {
            return Step.FAILED;
        }
        LOG.atInfo().addKeyValue("event", plan.replace() ? "reconcile_replaced_older" : "reconcile_restored")
                .addKeyValue("domain", domain.ascii()).addKeyValue("tenant", record.tenant().value())
                .addKeyValue("status", record.status().wireName())
                .addKeyValue("certificate", plan.certificate().map(c -> c.serial()).orElse(null))
                .log("{}: restored from the archive as {}", domain, record.status().wireName());
        return plan.certificate().isPresent() ? Step.RESTORED_WITH_CERTIFICATE
                : plan.requestIssue() ? Step.RESTORED_AND_REQUEUED : Step.RESTORED;
    }

    /**
     * A restored domain without a queued request would stay pending for ever, and the next run would find it
     * unchanged: so when queueing fails, the restored record is taken out again for the next run to retry.
     */
    private boolean requestIssue(DomainRecord record) throws StoreException {
        try {
            queue.enqueue(IssuanceRequest.first(record.domain(), IssuanceRequest.Reason.REGISTERED, clock.instant()),
                    Duration.ZERO);
            return true;
        } catch (QueueException e) {
            domains.remove(record.domain(), record.tenant());
            LOG.atError().addKeyValue("event", "reconcile_requeue_failed").addKeyValue("domain", record.domain().ascii())
                    .setCause(e).log("{}: not restored: its certificate request could not be queued; the next run"
                            + " retries it (check the issuance queue)", record.domain());
            return false;
        }
    }
}
