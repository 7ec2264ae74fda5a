package dev.portico.control;

import dev.portico.core.archive.ArchiveException;
import dev.portico.core.archive.RecordArchive;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.StoreException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link DomainService}'s writes reach the record archive, in an order where no failure resurrects a removed
 * domain or loses an acknowledged one:
 * <ul>
 *   <li>Register: Redis create (first writer wins the name), then the archive; an archive failure withdraws the
 *       Redis record, so nothing is acknowledged that is not archived.</li>
 *   <li>Withdraw (queueing failed): archive first, then Redis; a failure part way leaves a record that a removal
 *       finishes, never an archived record that Redis no longer has (which a reconcile would bring back).</li>
 *   <li>Remove: a tombstone (status {@code removed}) in the archive first, then Redis, then the archive objects are
 *       deleted. A failure before Redis changed nothing; after, the tombstone keeps reconciliation from restoring
 *       the domain, and a later registration replaces it.</li>
 * </ul>
 */
final class RegistrationArchive {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationArchive.class);

    private final RecordArchive archive;
    private final DomainStore domains;

    RegistrationArchive(RecordArchive archive, DomainStore domains) {
        this.archive = archive;
        this.domains = domains;
    }

    /** Archives a record just created in Redis, or withdraws it from Redis and says why it was not registered. */
    void archiveNew(DomainRecord record) throws RegistrationNotArchivedException {
        try {
            archive.put(record);
        } catch (ArchiveException e) {
            boolean withdrawn = true;
            try {
                domains.remove(record.domain(), record.tenant());
            } catch (StoreException rollback) {
                e.addSuppressed(rollback);
                withdrawn = false;
                log("registration_rollback_failed", record, e, "registration of {} left in Redis unarchived; remove"
                        + " the domain and register it again");
            }
            throw new RegistrationNotArchivedException(record.domain(), withdrawn, e);
        }
    }

    /** Takes back a registration from the archive, then from Redis; throws when either step failed. */
    void withdraw(DomainRecord record) throws StoreException {
        archive.remove(record.domain());
        domains.remove(record.domain(), record.tenant());
    }

    /** Before any serving data goes: from now on a reconcile will not restore the domain. */
    void tombstone(DomainRecord record, Instant now) throws ArchiveException {
        archive.put(record.withStatus(DomainStatus.REMOVED, "removed by its tenant", now));
    }

    /** After Redis let go: the tombstone and certificate go too. A failure leaves only a harmless tombstone. */
    void forget(DomainName domain) {
        try {
            archive.remove(domain);
        } catch (ArchiveException e) {
            LOG.atWarn().addKeyValue("event", "archive_tombstone_left").addKeyValue("domain", domain.ascii())
                    .setCause(e).log("{} was removed; its tombstone stays in the archive (harmless: never restored,"
                            + " replaced by a new registration); delete it by hand to tidy up", domain);
        }
    }

    /**
     * The name changed hands between our read and our removal, so our tombstone covered the new owner's record:
     * archive what Redis holds now. Should that fail too, the new owner's next write archives it again.
     */
    void restoreCurrent(DomainName domain) {
        try {
            Optional<DomainRecord> current = domains.find(domain);
            if (current.isPresent()) {
                archive.put(current.get());
            }
        } catch (StoreException e) {
            LOG.atError().addKeyValue("event", "archive_restore_failed").addKeyValue("domain", domain.ascii())
                    .setCause(e).log("{} changed owner during a removal and the new owner's archived record could"
                            + " not be put back: it is tombstoned until its next archived change (its certificate)"
                            + " and would not survive a loss of Redis data meanwhile", domain);
        }
    }

    private static void log(String event, DomainRecord record, Exception e, String message) {
        LOG.atError().addKeyValue("event", event).addKeyValue("domain", record.domain().ascii())
                .addKeyValue("tenant", record.tenant().value()).setCause(e).log(message, record.domain());
    }
}
