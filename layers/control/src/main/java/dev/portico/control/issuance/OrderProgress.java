package dev.portico.control.issuance;

import dev.portico.acme.OrderListener;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.StoreException;
import java.net.URI;
import java.time.Duration;

/**
 * Records an order's progress as it happens: the order URL at once (so a retry resumes instead of ordering again),
 * the statuses the tenant sees, and a renewed lease at each phase, so the lock outlasts every wait for the CA.
 */
final class OrderProgress implements OrderListener {
    /** Let's Encrypt keeps pending orders for 7 days; an entry that outlives its order only costs a failed resume. */
    static final Duration ORDER_MEMORY = Duration.ofDays(7);

    private final IssuanceRecords records;
    private final OrderLedger orders;
    private final IssuanceLocks.Lock lock;
    private final Duration lease;

    OrderProgress(IssuanceRecords records, OrderLedger orders, IssuanceLocks.Lock lock, Duration lease) {
        this.records = records;
        this.orders = orders;
        this.lock = lock;
        this.lease = lease;
    }

    @Override
    public void orderCreated(DomainName domain, URI orderLocation) throws StoreException {
        orders.remember(domain, orderLocation, ORDER_MEMORY);
    }

    @Override
    public void validating(DomainName domain, URI orderLocation) throws StoreException {
        keepLock(domain);
        records.progress(domain, DomainStatus.VALIDATING, null);
    }

    @Override
    public void issuing(DomainName domain, URI orderLocation) throws StoreException {
        keepLock(domain);
        records.progress(domain, DomainStatus.ISSUING, null);
    }

    /** A lost lock means another worker may be on this domain: stop rather than finalize twice; a retry resumes. */
    private void keepLock(DomainName domain) throws StoreException {
        if (!lock.extend(lease)) {
            throw new StoreException("lost the issuance lock of " + domain + " (its lease ran out); stopped so that "
                    + "two workers never finish the same order; a retry resumes it");
        }
    }
}
