package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.List;

/**
 * The time-ordered indexes renewal works from, so a scheduled run reads only what is due instead of scanning every
 * domain: when each certificate should be renewed, when its CA's renewal information (ARI) should be asked again,
 * and when it expires (for counting certificates by time left).
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>One entry per domain in each index; scheduling again moves it.</li>
 *   <li>{@link #due} and {@link #renewalInfoChecksDue} return names whose time is at or before {@code now}, earliest
 *       first, at most {@code limit}; they do not remove them (the caller moves each entry when it takes the
 *       work, so a crash between the two re-offers it instead of losing it).</li>
 *   <li>{@link #unschedule} removes the domain from every index; removing a domain record does the same
 *       atomically ({@link DomainStore#remove(DomainName, TenantId)}).</li>
 *   <li>Instants are kept to the millisecond.</li>
 * </ul>
 */
public interface RenewalIndex {
    void schedule(DomainName domain, Instant renewAt) throws StoreException;

    void unschedule(DomainName domain) throws StoreException;

    List<DomainName> due(Instant now, int limit) throws StoreException;

    /** How many renewals are due at {@code now}, taken or not. */
    long countDue(Instant now) throws StoreException;

    /** Remembers when the domain's current certificate expires. */
    void recordExpiry(DomainName domain, Instant notAfter) throws StoreException;

    /** How many certificates expire at or after {@code from} and before {@code to}. */
    long countExpiring(Instant from, Instant to) throws StoreException;

    void scheduleRenewalInfoCheck(DomainName domain, Instant at) throws StoreException;

    List<DomainName> renewalInfoChecksDue(Instant now, int limit) throws StoreException;
}
