package dev.portico.control.issuance;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.StoreException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real ledger, watched: every order the CA creates is remembered exactly once, so {@link #created()} counts ACME
 * orders. {@link #crashAfterNextOrder()} makes the next remember throw after storing, as a process that dies right
 * after the CA created its order.
 */
final class CountingOrderLedger implements OrderLedger {
    private final OrderLedger delegate;
    private final List<URI> created = new CopyOnWriteArrayList<>();
    private final List<URI> found = new CopyOnWriteArrayList<>();
    private volatile boolean crashNext;

    CountingOrderLedger(OrderLedger delegate) {
        this.delegate = delegate;
    }

    void crashAfterNextOrder() {
        crashNext = true;
    }

    List<URI> created() {
        return List.copyOf(created);
    }

    /** Orders handed out for resuming. */
    List<URI> found() {
        return List.copyOf(found);
    }

    @Override
    public void remember(DomainName domain, URI order, Duration ttl) throws StoreException {
        created.add(order);
        delegate.remember(domain, order, ttl);
        if (crashNext) {
            crashNext = false;
            throw new StoreException("simulated crash right after order " + order + " was created");
        }
    }

    @Override
    public Optional<URI> find(DomainName domain) throws StoreException {
        Optional<URI> order = delegate.find(domain);
        order.ifPresent(found::add);
        return order;
    }

    @Override
    public void forget(DomainName domain) throws StoreException {
        delegate.forget(domain);
    }
}
