package dev.portico.core.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One registered custom domain: who owns it, where its traffic goes, and where it stands. Immutable; the
 * {@code with...} methods return the next state with {@code updatedAt} moved to the given instant. Instants are
 * kept to the millisecond, the precision every store keeps, so a record reads back equal to what was written.
 *
 * @param reason      for {@link DomainStatus#FAILED} and {@link DomainStatus#PENDING_DNS}: what happened and what to do
 * @param certificate the certificate being served, once there is one
 * @param renewAt     when renewal is due, once there is a certificate
 */
public record DomainRecord(
        DomainName domain,
        TenantId tenant,
        OriginUrl origin,
        DomainStatus status,
        Optional<String> reason,
        Optional<CertificateSummary> certificate,
        Optional<Instant> renewAt,
        Instant createdAt,
        Instant updatedAt) {

    public DomainRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(renewAt, "renewAt");
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        renewAt = renewAt.map(t -> t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A freshly registered domain: not yet known to route to the edge. */
    public static DomainRecord register(DomainName domain, TenantId tenant, OriginUrl origin, Instant now) {
        return new DomainRecord(domain, tenant, origin, DomainStatus.PENDING_DNS, Optional.empty(),
                Optional.empty(), Optional.empty(), now, now);
    }

    public DomainRecord withStatus(DomainStatus next, String why, Instant now) {
        return new DomainRecord(domain, tenant, origin, next, Optional.ofNullable(why), certificate, renewAt,
                createdAt, now);
    }

    public DomainRecord withCertificate(CertificateSummary cert, Instant renewAtTime, Instant now) {
        return new DomainRecord(domain, tenant, origin, DomainStatus.ACTIVE, Optional.empty(), Optional.of(cert),
                Optional.of(renewAtTime), createdAt, now);
    }

    /**
     * Moves renew-at only (the CA's renewal information suggested another time). {@code updatedAt} stays: the
     * domain's state has not changed, and a renewal asked for in the same instant must not read as already answered.
     */
    public DomainRecord withRenewAt(Instant next) {
        return new DomainRecord(domain, tenant, origin, status, reason, certificate, Optional.of(next), createdAt,
                updatedAt);
    }

    public DomainRecord withOrigin(OriginUrl next, Instant now) {
        return new DomainRecord(domain, tenant, next, status, reason, certificate, renewAt, createdAt, now);
    }
}
