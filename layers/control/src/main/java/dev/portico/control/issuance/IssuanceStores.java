package dev.portico.control.issuance;

import dev.portico.core.archive.RecordArchive;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.RateLimiter;
import dev.portico.core.store.RenewalFailures;
import dev.portico.core.store.RenewalIndex;
import java.util.Objects;

/**
 * The store contracts issuance works with; in production all views of one Redis store, plus the record archive (S3)
 * that keeps every issued certificate and activated record.
 */
public record IssuanceStores(DomainStore domains, CertificateStore certificates, ChallengeStore challenges,
        IssuanceLocks locks, OrderLedger orders, RateLimiter rateLimiter, RenewalIndex renewals,
        RenewalFailures renewalFailures, RecordArchive archive) {
    public IssuanceStores {
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(challenges, "challenges");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(renewals, "renewals");
        Objects.requireNonNull(renewalFailures, "renewalFailures");
        Objects.requireNonNull(archive, "archive");
    }
}
