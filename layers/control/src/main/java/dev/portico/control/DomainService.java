package dev.portico.control;

import dev.portico.core.InvalidInputException;
import dev.portico.core.archive.RecordArchive;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.QueueException;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.Page;
import dev.portico.core.store.RateLimiter;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, shows, lists and removes custom domains on behalf of tenants. Inputs arrive as raw strings from
 * outside and are validated here in full before anything is written, so every caller (API, CLI, local runner)
 * refuses the same things the same way.
 *
 * <pre>{@code
 * RegistrationResult r = service.register("shop.example.org", "acme", "https://origin.acme.example");
 * // r.created(): 202 on the API; false: the same request had succeeded before, 200
 * }</pre>
 */
public final class DomainService {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DomainService.class);

    private final DomainStore domains;
    private final CertificateStore certificates;
    private final RenewalIndex renewals;
    private final IssuanceQueue queue;
    private final EdgeEventPublisher events;
    private final Clock clock;
    private final RegistrationPolicy policy;
    private final RegistrationQuotas quotas;
    private final RegistrationPages pages;
    private final RegistrationArchive archive;

    /** @param archive the record of truth; a registration is acknowledged only once its record is there */
    public DomainService(DomainStore domains, CertificateStore certificates, RenewalIndex renewals,
            RateLimiter rateLimiter, IssuanceQueue queue, EdgeEventPublisher events, Clock clock,
            RegistrationPolicy policy, RecordArchive archive) {
        this.domains = Objects.requireNonNull(domains, "domains");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.renewals = Objects.requireNonNull(renewals, "renewals");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.quotas = new RegistrationQuotas(domains, Objects.requireNonNull(rateLimiter, "rateLimiter"), policy);
        this.pages = new RegistrationPages(domains);
        this.archive = new RegistrationArchive(Objects.requireNonNull(archive, "archive"), domains);
    }

    public RegistrationPolicy policy() {
        return policy;
    }

    /**
     * Registers {@code domain} for {@code tenant}, to be served from {@code origin}, and queues its first
     * certificate. Repeating a successful registration returns the current record with {@code created == false}.
     *
     * @throws InvalidInputException    a field breaks the policy; nothing was read or written
     * @throws DomainConflictException  another tenant holds the name, or this tenant holds it with another origin
     * @throws QuotaExceededException   the tenant's domain cap or registration rate is used up
     * @throws RegistrationNotArchivedException the record could not be archived (S3); retrying may help
     * @throws RegistrationNotQueuedException the certificate could not be queued; retrying may help
     * @throws StoreException           the store failed; retrying the same request is safe
     */
    public RegistrationResult register(String domain, String tenant, String origin) throws InvalidInputException,
            DomainConflictException, QuotaExceededException, RegistrationNotArchivedException,
            RegistrationNotQueuedException, StoreException {
        RegistrationRequest request = RegistrationRequest.parse(policy, domain, tenant, origin);
        Optional<DomainRecord> existing = domains.find(request.domain());
        if (existing.isPresent()) {
            return confirmExisting(existing.get(), request);
        }
        Instant now = clock.instant();
        quotas.admit(request.tenant(), now);
        DomainRecord record = DomainRecord.register(request.domain(), request.tenant(), request.origin(), now);
        if (!domains.create(record)) {
            // A concurrent registration of the same name won: answer as if it had been there before this call.
            DomainRecord winner = domains.find(request.domain()).orElseThrow(() -> new StoreException(
                    request.domain() + " was registered and removed again while this registration ran; retry it"));
            return confirmExisting(winner, request);
        }
        archive.archiveNew(record);
        queueFirstIssuance(record, now);
        return new RegistrationResult(record, true);
    }

    private static RegistrationResult confirmExisting(DomainRecord existing, RegistrationRequest request)
            throws DomainConflictException {
        if (!existing.tenant().equals(request.tenant())) {
            throw DomainConflictException.taken(request.domain());
        }
        if (!existing.origin().equals(request.origin())) {
            throw DomainConflictException.otherOrigin(request.domain(), existing.origin(), request.origin());
        }
        return new RegistrationResult(existing, false);
    }

    /**
     * A record without a queued issuance would sit in pending_dns forever, so a failed enqueue withdraws the
     * record, from the archive first (see {@link RegistrationArchive}). If the withdrawal fails too (store and queue
     * failing together) the record stays, and the message says how to get unstuck.
     */
    private void queueFirstIssuance(DomainRecord record, Instant now) throws RegistrationNotQueuedException {
        try {
            queue.enqueue(IssuanceRequest.first(record.domain(), IssuanceRequest.Reason.REGISTERED, now), Duration.ZERO);
        } catch (QueueException e) {
            try {
                archive.withdraw(record);
            } catch (StoreException rollback) {
                e.addSuppressed(rollback);
                LOG.atError().addKeyValue("event", "registration_rollback_failed")
                        .addKeyValue("domain", record.domain().ascii()).addKeyValue("tenant", record.tenant().value())
                        .setCause(e).log("registration of {} left without a queued issuance", record.domain());
                throw new RegistrationNotQueuedException(record.domain(), false, e);
            }
            throw new RegistrationNotQueuedException(record.domain(), true, e);
        }
    }

    /** The record of a registered domain. */
    public DomainRecord find(String domain) throws InvalidInputException, DomainNotFoundException, StoreException {
        DomainName name = policy.names().parse(domain);
        return domains.find(name).orElseThrow(() -> new DomainNotFoundException(name));
    }

    /**
     * One page of the tenant's domains in name order.
     *
     * @param cursor the previous page's {@link Page#next()}, empty for the first page
     * @param limit  1 to {@value #MAX_PAGE_SIZE}
     */
    public Page<DomainRecord> list(String tenant, Optional<String> cursor, int limit)
            throws InvalidInputException, StoreException {
        return pages.list(TenantId.parse(tenant), cursor, limit);
    }

    /**
     * Stops serving {@code domain} and deletes its certificate, key, renewal entry and record, then tells every
     * edge proxy. Returns the record as it was, with status {@code removed}.
     *
     * <p>The archive gets a tombstone first, so no later reconcile brings the domain back whatever fails after it
     * (see {@link RegistrationArchive}); if that fails, nothing changed. Then what serves traffic goes, and the
     * record last, so a failure part way leaves a record that a retried removal finds and finishes; last the
     * archive's objects. Once the data is gone the removal has happened: if the event cannot be published,
     * this logs an error and still succeeds, because proxies also re-check their cached names against the store on a
     * timer and will drop it then, and a client retrying the DELETE would only meet a 404.
     */
    public DomainRecord remove(String domain, String tenant)
            throws InvalidInputException, DomainNotFoundException, NotOwnerException, StoreException {
        DomainName name = policy.names().parse(domain);
        TenantId owner = TenantId.parse(tenant);
        DomainRecord record = domains.find(name).orElseThrow(() -> new DomainNotFoundException(name));
        if (!record.tenant().equals(owner)) {
            throw new NotOwnerException(name, owner);
        }
        archive.tombstone(record, clock.instant());
        certificates.remove(name);
        renewals.unschedule(name);
        // Owner-checked and atomic: if another DELETE won meanwhile, or the name changed hands, say so.
        switch (domains.remove(name, owner)) {
            case ABSENT -> throw new DomainNotFoundException(name);
            case OWNED_BY_ANOTHER -> {
                archive.restoreCurrent(name);
                throw new NotOwnerException(name, owner);
            }
            case REMOVED -> archive.forget(name);
        }
        Instant now = clock.instant();
        EdgeEvent.DomainRemoved event = new EdgeEvent.DomainRemoved(UUID.randomUUID().toString(), name, now);
        try {
            events.publish(event);
        } catch (EventPublishException e) {
            LOG.atError().addKeyValue("event", "domain_removed_publish_failed").addKeyValue("domain", name.ascii())
                    .addKeyValue("tenant", owner.value()).addKeyValue("event_id", event.id()).setCause(e)
                    .log("{} was removed but edge proxies were not told; they drop it on their next re-check", name);
        }
        return record.withStatus(DomainStatus.REMOVED, null, now);
    }
}
