package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The open ACME order of each domain, so a retried issuance resumes that order instead of opening a new one (new
 * orders count against the CA's limits; a resumed one does not).
 *
 * <p>Contract: one order per domain; an entry expires by itself after its time to live (set it to the order's
 * expiry); {@link #forget} after the order ended, valid or invalid.
 */
public interface OrderLedger {
    void remember(DomainName domain, URI order, Duration ttl) throws StoreException;

    Optional<URI> find(DomainName domain) throws StoreException;

    void forget(DomainName domain) throws StoreException;
}
