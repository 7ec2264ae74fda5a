package dev.portico.control.issuance;

import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The domain record as issuance moves it along. Every change reads the record afresh and applies to what it finds,
 * so a tenant's concurrent change (a new origin) is kept, and a record removed meanwhile is never brought back.
 */
final class IssuanceRecords {
    private final DomainStore domains;
    private final RenewalIndex renewals;
    private final Clock clock;

    IssuanceRecords(DomainStore domains, RenewalIndex renewals, Clock clock) {
        this.domains = domains;
        this.renewals = renewals;
        this.clock = clock;
    }

    Optional<DomainRecord> find(DomainName domain) throws StoreException {
        return domains.find(domain);
    }

    /** Applies {@code change}; empty when the domain is gone (absent or removed). Identical records are not written. */
    Optional<DomainRecord> update(DomainName domain, UnaryOperator<DomainRecord> change) throws StoreException {
        return update(domain, change, next -> { });
    }

    /** Called with the next record just before it is written, e.g. to archive it first. */
    @FunctionalInterface
    interface BeforeWrite {
        void accept(DomainRecord next) throws StoreException;
    }

    private Optional<DomainRecord> update(DomainName domain, UnaryOperator<DomainRecord> change, BeforeWrite before)
            throws StoreException {
        Optional<DomainRecord> current = domains.find(domain);
        if (current.isEmpty() || current.get().status() == DomainStatus.REMOVED) {
            return Optional.empty();
        }
        DomainRecord next = change.apply(current.get());
        if (next.status() == current.get().status() && next.reason().equals(current.get().reason())
                && next.certificate().equals(current.get().certificate())
                && next.renewAt().equals(current.get().renewAt())) {
            return current;
        }
        before.accept(next);
        return domains.update(next) ? Optional.of(next) : Optional.empty();
    }

    /** Shows work in progress; a domain whose certificate is still served shows {@code renewing} instead. */
    void progress(DomainName domain, DomainStatus status, String reason) throws StoreException {
        Instant now = clock.instant();
        update(domain, r -> r.withStatus(WorkCheck.progress(r, status, now), reason, now));
    }

    /**
     * Records a failure the tenant or operator must act on. A renewal that fails leaves the current certificate in
     * service ({@code renewing}, with the reason) and is tried again later through the renewal index; only a domain
     * without a usable certificate goes to {@code failed}.
     */
    void fail(DomainName domain, String reason) throws StoreException {
        Instant now = clock.instant();
        Optional<DomainRecord> updated = update(domain, r -> WorkCheck.isServing(r, now)
                ? r.withStatus(DomainStatus.RENEWING, "renewal failed: " + reason + "; the current certificate "
                        + "stays in use until " + r.certificate().orElseThrow().notAfter(), now)
                : r.withStatus(DomainStatus.FAILED, reason, now));
        if (updated.isPresent() && updated.get().status() == DomainStatus.RENEWING) {
            Instant notAfter = updated.get().certificate().orElseThrow().notAfter();
            renewals.schedule(domain, RenewalWindow.retryFailedRenewal(now, notAfter));
        }
    }

    /**
     * A renewal failed ({@code reason} says why and when the next try is): {@code renewing} while the current
     * certificate is still served, {@code failed} once it has expired; either way the renewal index brings the
     * domain back at {@code nextTry}.
     */
    Optional<DomainRecord> renewalFailed(DomainName domain, String reason, Instant nextTry) throws StoreException {
        Instant now = clock.instant();
        Optional<DomainRecord> updated = update(domain, r -> r.withStatus(
                WorkCheck.isServing(r, now) ? DomainStatus.RENEWING : DomainStatus.FAILED, reason, now));
        if (updated.isPresent()) {
            renewals.schedule(domain, nextTry);
        }
        return updated;
    }

    /**
     * The new certificate is in the store: the domain is active, scheduled for renewal, its expiry counted, and its
     * CA's renewal information due to be asked at the next scheduled run (which may move renew-at into the CA's
     * window).
     * window). {@code before} sees the active record before Redis does (the archive keeps it first).
     */
    Optional<DomainRecord> activate(DomainName domain, CertificateSummary certificate, BeforeWrite before)
            throws StoreException {
        Instant now = clock.instant();
        Instant renewAt = RenewalWindow.renewAt(certificate.notBefore(), certificate.notAfter());
        Optional<DomainRecord> updated = update(domain, r -> r.withCertificate(certificate, renewAt, now), before);
        if (updated.isPresent()) {
            renewals.schedule(domain, renewAt);
            renewals.recordExpiry(domain, certificate.notAfter());
            renewals.scheduleRenewalInfoCheck(domain, now);
        }
        return updated;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public String toString() {
        return "IssuanceRecords[" + Objects.toString(domains) + "]";
    }
}
