package dev.portico.core.archive;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoredCertificate;
import java.util.Optional;

/**
 * The record of truth for domain records and certificates (S3 in AWS). Redis is the serving copy; when it loses its
 * data, reconciliation rebuilds it from here. Storage in the manner of certmagic's {@code Storage}: a few whole-object
 * operations with no cross-object transaction, so callers order their writes (see {@code DomainService} and
 * {@code IssuanceCompletion}).
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>One record and at most one certificate per domain. A put replaces the previous object as a whole (readers
 *       see the old or the new one, never a mix), so putting the same thing twice is harmless.</li>
 *   <li>A certificate is archived exactly as the serving store holds it: the chain PEM and the key <em>sealed</em>
 *       by the key envelope (never in clear), with serial, notBefore and notAfter. The archive may encrypt the
 *       object once more at rest (S3: SSE-KMS).</li>
 *   <li>{@link #find} and {@link #findCertificate} return exactly what was put.</li>
 *   <li>A record with status {@code removed} is a tombstone: the domain was being removed. Reconciliation never
 *       restores one; a later registration replaces it.</li>
 *   <li>{@link #remove} deletes the record and the certificate; removing what is absent is harmless.</li>
 *   <li>{@link #list} pages through every archived domain in name order, at most {@code limit} per page.</li>
 *   <li>Every call completes or throws {@link ArchiveException} within the implementation's timeouts; an object
 *       that exists but cannot be read throws {@link UnreadableArchiveEntryException}.</li>
 * </ul>
 */
public interface RecordArchive {
    /** Largest page {@link #list} accepts. */
    int MAX_PAGE = 1000;

    void put(DomainRecord record) throws ArchiveException;

    Optional<DomainRecord> find(DomainName domain) throws ArchiveException;

    void putCertificate(StoredCertificate certificate) throws ArchiveException;

    Optional<StoredCertificate> findCertificate(DomainName domain) throws ArchiveException;

    /** Deletes the domain's record and certificate. */
    void remove(DomainName domain) throws ArchiveException;

    /**
     * Archived domains in name order, {@code limit} (1 to {@value #MAX_PAGE}) at a time; pass the previous page's
     * {@link Page#next()} to continue. Tombstones are listed too.
     */
    Page<DomainName> list(Optional<String> cursor, int limit) throws ArchiveException;
}
