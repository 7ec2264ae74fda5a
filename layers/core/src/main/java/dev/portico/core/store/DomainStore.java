package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.TenantId;
import java.util.Optional;

/**
 * Domain records and the per-tenant index.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>{@link #create} is atomic: the record and its tenant-index entry appear together or not at all, and a domain
 *       that exists already is left untouched (first writer wins).</li>
 *   <li>{@link #update} replaces an existing record; it never creates one and never changes the owning tenant.</li>
 *   <li>{@link #remove} deletes the record and its tenant-index entry together; removing twice is harmless.</li>
 *   <li>Reads never return a half-written record.</li>
 *   <li>Every call either completes or throws {@link StoreException} within the store's configured timeouts.</li>
 * </ul>
 */
public interface DomainStore {
    Optional<DomainRecord> find(DomainName domain) throws StoreException;

    /** Stores a new record; returns false, changing nothing, when the domain is registered already. */
    boolean create(DomainRecord record) throws StoreException;

    /** Replaces the record of a registered domain; returns false when it is not registered (or owned by another tenant). */
    boolean update(DomainRecord record) throws StoreException;

    /** Removes the record whoever owns it (operators, reconciliation); returns false when there was none. */
    boolean remove(DomainName domain) throws StoreException;

    /**
     * Removes the record, its tenant-index entry and its renewal entry in one atomic step, but only while
     * {@code owner} owns it: a removal racing a re-registration by another tenant cannot take the newcomer's record.
     */
    Removal remove(DomainName domain, TenantId owner) throws StoreException;

    /** What an owner-checked {@link #remove(DomainName, TenantId)} found. */
    enum Removal {
        REMOVED, ABSENT, OWNED_BY_ANOTHER
    }

    /**
     * The tenant's domains in name order, {@code limit} at a time; pass the previous page's cursor to continue.
     *
     * @throws InvalidCursorException when {@code cursor} was not issued by this store
     */
    Page<DomainName> listByTenant(TenantId tenant, Optional<String> cursor, int limit) throws StoreException;

    /** How many domains the tenant has registered; for quotas. */
    long countByTenant(TenantId tenant) throws StoreException;
}
