package dev.portico.control.reconcile;

import dev.portico.control.issuance.RenewalWindow;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.store.StoredCertificate;
import java.time.Instant;
import java.util.Optional;

/**
 * What reconciling one archived domain does to the serving store. Pure, so every rule is a table test:
 * <ul>
 *   <li>A tombstone (status {@code removed}) is never restored: the domain was being removed.</li>
 *   <li>A serving record at least as new as the archived one, or owned by another tenant, is left alone: live
 *       writers (issuance progress, a new registration) own it, and the archive lags them on purpose.</li>
 *   <li>Otherwise the archived record is written, with its certificate first when that is usable (present and not
 *       expired), scheduled for renewal at the record's renew-at ({@link RenewalWindow#renewAt} when it has none).
 *       A certificate newer than the record's summary (archived by an issuance that failed before its record) is
 *       the one served, and the record is made to say so.</li>
 *   <li>Without a usable certificate the domain comes back {@code pending_dns} and a new certificate is requested;
 *       a {@code failed} one stays failed (its reason says what the tenant must fix).</li>
 * </ul>
 *
 * @param write        the record to create (or, when {@code replace}, to put over an older one); empty: none
 * @param certificate  the certificate to put before the record
 * @param renewAt      when to schedule renewal, after the record
 * @param requestIssue whether to queue a certificate request for the domain
 */
public record ReconcilePlan(Kind kind, Optional<DomainRecord> write, boolean replace,
        Optional<StoredCertificate> certificate, Optional<Instant> renewAt, boolean requestIssue) {
    public enum Kind {
        RESTORE, REPLACE_OLDER, UNCHANGED, SKIP_REMOVED
    }

    static final String NO_CERTIFICATE = "restored from the record archive without a usable certificate; a new one"
            + " has been requested";

    public static ReconcilePlan decide(DomainRecord archived, Optional<StoredCertificate> archivedCertificate,
            Optional<DomainRecord> serving, Instant now) {
        if (archived.status() == DomainStatus.REMOVED) {
            return nothing(Kind.SKIP_REMOVED);
        }
        if (serving.isPresent() && (!serving.get().updatedAt().isBefore(archived.updatedAt())
                || !serving.get().tenant().equals(archived.tenant()))) {
            return nothing(Kind.UNCHANGED);
        }
        Kind kind = serving.isPresent() ? Kind.REPLACE_OLDER : Kind.RESTORE;
        Optional<StoredCertificate> usable = archived.certificate().isPresent()
                ? archivedCertificate.filter(c -> c.notAfter().isAfter(now)) : Optional.empty();
        if (usable.isPresent()) {
            StoredCertificate cert = usable.get();
            DomainRecord record = archived;
            if (!archived.certificate().get().serial().equals(cert.serial())) {
                record = archived.withCertificate(new CertificateSummary(cert.serial(), cert.notBefore(),
                        cert.notAfter()), RenewalWindow.renewAt(cert.notBefore(), cert.notAfter()), now);
            }
            Instant renewAt = record.renewAt().orElse(RenewalWindow.renewAt(cert.notBefore(), cert.notAfter()));
            return new ReconcilePlan(kind, Optional.of(record), serving.isPresent(), usable, Optional.of(renewAt),
                    false);
        }
        if (archived.status() == DomainStatus.FAILED) {
            return new ReconcilePlan(kind, Optional.of(archived), serving.isPresent(), Optional.empty(),
                    Optional.empty(), false);
        }
        DomainRecord pending = new DomainRecord(archived.domain(), archived.tenant(), archived.origin(),
                DomainStatus.PENDING_DNS, Optional.of(NO_CERTIFICATE), Optional.empty(), Optional.empty(),
                archived.createdAt(), now);
        return new ReconcilePlan(kind, Optional.of(pending), serving.isPresent(), Optional.empty(), Optional.empty(),
                true);
    }

    private static ReconcilePlan nothing(Kind kind) {
        return new ReconcilePlan(kind, Optional.empty(), false, Optional.empty(), Optional.empty(), false);
    }
}
