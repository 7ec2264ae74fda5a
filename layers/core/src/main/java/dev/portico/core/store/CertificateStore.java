package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.util.Optional;

/**
 * The certificate served for each domain.
 *
 * <p>Contract: {@link #put} replaces the previous certificate atomically (a reader sees the old chain and key or the
 * new ones, never a mix); the key is only ever stored sealed; {@link #find} returns exactly what was put.
 */
public interface CertificateStore {
    void put(StoredCertificate certificate) throws StoreException;

    Optional<StoredCertificate> find(DomainName domain) throws StoreException;

    /** Returns false when there was nothing to remove. */
    boolean remove(DomainName domain) throws StoreException;
}
