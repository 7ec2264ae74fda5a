package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import java.net.URI;

/**
 * Hears an order's progress while {@link CertificateOrder#execute()} runs, so the caller can record it as it
 * happens: the order URL (to resume after a crash or a timeout) and the statuses the tenant sees. A listener that
 * throws aborts the order; the challenge answers are removed all the same.
 */
public interface OrderListener {
    /** A listener that ignores everything. */
    OrderListener NONE = new OrderListener() {
    };

    /** The CA created the order; {@code orderLocation} is what resuming it needs. */
    default void orderCreated(DomainName domain, URI orderLocation) throws StoreException {
    }

    /** The challenge answers are published and the CA is validating: the tenant's status is {@code validating}. */
    default void validating(DomainName domain, URI orderLocation) throws StoreException {
    }

    /** Validation passed and the order is being finalized: the tenant's status is {@code issuing}. */
    default void issuing(DomainName domain, URI orderLocation) throws StoreException {
    }
}
