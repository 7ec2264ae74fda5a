package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.List;

/**
 * Domains ordered by when their certificate should be renewed, so a scheduled run reads only what is due instead of
 * scanning every domain.
 *
 * <p>Contract: one entry per domain (scheduling again moves it); {@link #due} returns names whose renew-at is at or
 * before {@code now}, earliest first, at most {@code limit}; it does not remove them.
 */
public interface RenewalIndex {
    void schedule(DomainName domain, Instant renewAt) throws StoreException;

    void unschedule(DomainName domain) throws StoreException;

    List<DomainName> due(Instant now, int limit) throws StoreException;
}
