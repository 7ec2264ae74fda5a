package dev.portico.control.issuance;

import dev.portico.acme.AcmeAccount;
import dev.portico.acme.AcmeConfigurationException;
import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeInvalidException;
import dev.portico.acme.AcmeOrderNotResumableException;
import dev.portico.acme.AcmeRateLimitedException;
import dev.portico.acme.AcmeRejectedException;
import dev.portico.acme.AcmeRetryableException;
import dev.portico.acme.CertificateOrder;
import dev.portico.acme.RenewalInfoRequest;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.net.URI;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one issuance request into one {@link Outcome}: check, lock, check again; prove routing; spend the order
 * budget only on a new order; order (or resume) at the CA; store, schedule the renewal, tell the edge. Thread-safe;
 * one per process.
 */
public final class IssuanceService {
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceService.class);

    private final IssuanceStores stores;
    private final AccountProvider accounts;
    private final KeyEnvelope envelope;
    private final EdgeEventPublisher events;
    private final RoutingProbe probe;
    private final Clock clock;
    private final IssuanceSettings settings;
    private final IssuanceRecords records;
    private final IssuanceFailures failures;
    private final IssuanceCompletion completion;

    public IssuanceService(IssuanceStores stores, AccountProvider accounts, KeyEnvelope envelope,
            EdgeEventPublisher events, RoutingProbe probe, Clock clock, IssuanceSettings settings) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.events = Objects.requireNonNull(events, "events");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = new IssuanceRecords(stores.domains(), stores.renewals(), clock);
        this.failures = new IssuanceFailures(records, stores.orders(), stores.renewalFailures(), accounts, settings);
        this.completion = new IssuanceCompletion(stores, records, envelope, events, clock);
    }

    public IssuanceSettings settings() {
        return settings;
    }

    /** Never throws for a failure it can name: every one becomes an outcome. */
    public Outcome handle(IssuanceRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return lockedIfNeeded(request);
        } catch (StoreException e) {
            return failures.transientFailure(request, "the store failed: " + e.getMessage(), Optional.empty());
        }
    }

    private Outcome lockedIfNeeded(IssuanceRequest request) throws StoreException {
        DomainName domain = request.domain();
        Optional<String> skip = WorkCheck.skipReason(records.find(domain), request, clock.instant());
        if (skip.isPresent()) {
            return new Outcome.Skipped(skip.get());
        }
        Optional<IssuanceLocks.Lock> lock = stores.locks().tryAcquire(domain, settings.lockLease());
        if (lock.isEmpty()) {
            return new Outcome.RetryLater(settings.lockRetry(), "another worker is issuing for " + domain.unicode(),
                    request);
        }
        try {
            // Someone may have finished (or failed, or removed the domain) while we waited for the lock.
            Optional<DomainRecord> record = records.find(domain);
            skip = WorkCheck.skipReason(record, request, clock.instant());
            return skip.isPresent() ? new Outcome.Skipped(skip.get()) : issue(request, lock.get(), record.get());
        } finally {
            try {
                lock.get().release();
            } catch (StoreException e) {
                LOG.warn("{}: could not release the issuance lock; it expires within {}: {}", domain,
                        settings.lockLease(), e.getMessage());
            }
        }
    }

    private Outcome issue(IssuanceRequest request, IssuanceLocks.Lock lock, DomainRecord record)
            throws StoreException {
        DomainName domain = request.domain();
        Optional<Outcome> finished = completion.finishStored(request, record);
        if (finished.isPresent()) {
            return finished.get();
        }
        RoutingProbe.Result routing = probe.probe(domain);
        if (!routing.routed()) {
            return notRouted(request, routing);
        }
        LOG.info("{}: routes to the edge ({})", domain, routing.detail());
        try {
            try {
                return order(request, lock);
            } catch (AcmeRejectedException e) {
                if (!e.getProblem().map(p -> "accountDoesNotExist".equals(p.type())).orElse(false)) {
                    throw e;
                }
                // The CA no longer knows the account (a reset CA, a new environment): register the same key again.
                LOG.warn("{}: the CA does not know Portico's ACME account any more; registering it again", domain);
                accounts.forget();
                return order(request, lock);
            }
        } catch (AcmeRateLimitedException e) {
            return failures.rateLimited(request, e);
        } catch (AcmeInvalidException e) {
            return failures.invalid(request, e);
        } catch (AcmeRejectedException | AcmeConfigurationException e) {
            return failures.operator(request, e);
        } catch (AcmeRetryableException e) {
            return failures.transientFailure(request, e.getMessage(), e.getRetryAfter());
        } catch (AcmeException e) {
            // Unclassified (e.g. the CA certified another key): start over with a fresh order next time.
            stores.orders().forget(domain);
            return failures.transientFailure(request, e.getMessage(), Optional.empty());
        } catch (KeyEnvelopeException e) {
            return failures.transientFailure(request, "sealing or opening a key failed: " + e.getMessage(),
                    Optional.empty());
        }
    }

    /** Budget, account, then a resumed or a new order, run to the end; failures are classified by the caller. */
    private Outcome order(IssuanceRequest request, IssuanceLocks.Lock lock)
            throws AcmeException, StoreException, KeyEnvelopeException {
        DomainName domain = request.domain();
        // Budget first: a request that has to wait for it should not even look the account up.
        Optional<URI> open = stores.orders().find(domain);
        Optional<Outcome> wait = open.isPresent() ? Optional.empty() : waitForBudget(request);
        if (wait.isPresent()) {
            return wait.get();
        }
        AcmeAccount account = accounts.account();
        OrderProgress progress = new OrderProgress(records, stores.orders(), lock, settings.lockLease());
        if (open.isPresent()) {
            try {
                CertificateOrder resumed = configure(account.resume(domain, open.get()), progress);
                return completion.complete(request, resumed.execute());
            } catch (AcmeOrderNotResumableException e) {
                LOG.info("{}: {}", domain, e.getMessage());
                stores.orders().forget(domain);
                wait = waitForBudget(request);
                if (wait.isPresent()) {
                    return wait.get();
                }
            }
        }
        CertificateOrder order = configure(account.order(domain), progress);
        if (request.reason() == IssuanceRequest.Reason.RENEWAL) {
            replacedCertificateId(domain).ifPresent(order::replaces);
        }
        return completion.complete(request, order.execute());
    }

    /**
     * The ARI identifier of the certificate a renewal replaces, so the CA can link the two (and Let's Encrypt exempts
     * the order from its rate limits); empty when there is none to read, which only costs the exemption.
     */
    private Optional<String> replacedCertificateId(DomainName domain) {
        try {
            Optional<StoredCertificate> current = stores.certificates().find(domain);
            return current.isEmpty() ? Optional.empty()
                    : Optional.of(RenewalInfoRequest.idOf(Pem.parseChain(current.get().chainPem()).getFirst()));
        } catch (StoreException | CertificateException | RuntimeException e) {
            LOG.warn("{}: renewing without 'replaces' (the current certificate could not be read: {})", domain,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Spends one of the account's new orders, shared by every instance; or says how long until one is free. */
    private Optional<Outcome> waitForBudget(IssuanceRequest request) throws StoreException {
        return stores.rateLimiter().tryAcquire(settings.orderBudgetBucket(), settings.orderBudget(),
                settings.orderBudgetWindow(), clock.instant()).map(wait -> new Outcome.RetryLater(wait,
                "the account's budget of " + settings.orderBudget() + " new orders per "
                        + settings.orderBudgetWindow().toMinutes() + " min is spent", request));
    }

    private CertificateOrder configure(CertificateOrder order, OrderProgress progress) {
        return order.challengeStore(stores.challenges()).challengeTtl(settings.challengeTtl()).listener(progress);
    }

    private Outcome notRouted(IssuanceRequest request, RoutingProbe.Result routing) throws StoreException {
        DomainName domain = request.domain();
        String name = domain.unicode();
        Duration pending = Duration.between(request.firstAsked(), clock.instant());
        String fix = "point it at the edge with a CNAME record " + name + " -> " + settings.edgeHost()
                + " (or A/AAAA records to the edge's addresses)";
        if (request.reason() == IssuanceRequest.Reason.RENEWAL) {
            return failures.renewalFailed(request, name + " no longer routes to the edge (" + routing.detail()
                    + "): " + fix);
        }
        if (pending.compareTo(settings.maxPendingDns()) >= 0) {
            String reason = name + " did not route to the edge within " + settings.maxPendingDns().toHours()
                    + " hours (" + routing.detail() + "): " + fix + ", then register it again";
            records.fail(domain, reason);
            return new Outcome.Failed(reason);
        }
        String reason = name + " does not route to the edge yet (" + routing.detail() + "): " + fix
                + "; Portico checks again automatically";
        records.progress(domain, DomainStatus.PENDING_DNS, reason);
        return new Outcome.RetryLater(settings.retrySchedule().pendingDelay(pending), reason, request);
    }
}
