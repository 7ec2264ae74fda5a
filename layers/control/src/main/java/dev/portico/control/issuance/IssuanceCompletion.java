package dev.portico.control.issuance;

import dev.portico.acme.IssuedCertificate;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of an issuance: the certificate goes into the store (its key sealed) before the record says
 * {@code active}, so whoever sees the status can load the certificate; then the renewal is scheduled, the order
 * forgotten, and the edge told.
 *
 * <p>The archive (record of truth) gets the certificate and then the active record after Redis has the certificate
 * and before Redis has the record, so nothing is ever announced active that a rebuilt Redis would lack. An archive
 * failure is a store failure and the issuance is retried; the retry finishes with the certificate already in Redis
 * ({@link #finishStored}) instead of ordering again, because a finalized order cannot be resumed and every new
 * certificate for the same name counts against the CA's duplicate-certificate limit.
 */
final class IssuanceCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceCompletion.class);

    private final IssuanceStores stores;
    private final IssuanceRecords records;
    private final KeyEnvelope envelope;
    private final EdgeEventPublisher events;
    private final Clock clock;

    IssuanceCompletion(IssuanceStores stores, IssuanceRecords records, KeyEnvelope envelope,
            EdgeEventPublisher events, Clock clock) {
        this.stores = stores;
        this.records = records;
        this.envelope = envelope;
        this.events = events;
        this.clock = clock;
    }

    Outcome complete(IssuanceRequest request, IssuedCertificate issued) throws StoreException, KeyEnvelopeException {
        StoredCertificate sealed = issued.seal(envelope);
        stores.certificates().put(sealed);
        return activate(request, sealed);
    }

    /**
     * Finishes an earlier attempt that stored its certificate in Redis but failed before the record said active:
     * the record still says the order reached finalization ({@code issuing}, or {@code renewing} for a renewal),
     * and Redis holds a certificate other than the record's, not yet due for renewal itself. Empty otherwise; in
     * particular a fresh registration never adopts a certificate some earlier registration left behind.
     */
    Optional<Outcome> finishStored(IssuanceRequest request, DomainRecord record) throws StoreException {
        if (record.status() != DomainStatus.ISSUING && record.status() != DomainStatus.RENEWING) {
            return Optional.empty();
        }
        Optional<StoredCertificate> stored = stores.certificates().find(request.domain());
        if (stored.isEmpty() || record.certificate().map(c -> c.serial().equals(stored.get().serial())).orElse(false)
                || !RenewalWindow.renewAt(stored.get().notBefore(), stored.get().notAfter()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        LOG.atInfo().addKeyValue("event", "issuance_finish_stored").addKeyValue("domain", request.domain().ascii())
                .addKeyValue("serial", stored.get().serial())
                .log("{}: finishing with certificate {} stored by an earlier attempt", request.domain(),
                        stored.get().serial());
        return Optional.of(activate(request, stored.get()));
    }

    private Outcome activate(IssuanceRequest request, StoredCertificate sealed) throws StoreException {
        DomainName domain = request.domain();
        stores.archive().putCertificate(sealed);
        boolean[] archived = {false};
        Optional<DomainRecord> active = records.activate(domain,
                new CertificateSummary(sealed.serial(), sealed.notBefore(), sealed.notAfter()), next -> {
                    stores.archive().put(next);
                    archived[0] = true;
                });
        stores.orders().forget(domain);
        if (active.isPresent()) {
            stores.renewalFailures().clear(domain);
        }
        if (active.isEmpty()) {
            // Removed while we were ordering: nothing may serve it, so the certificate goes too.
            stores.certificates().remove(domain);
            if (archived[0]) {
                undoArchivedRecord(domain);
            }
            return new Outcome.Skipped(domain.unicode() + " was removed during issuance; certificate discarded");
        }
        EdgeEvent event = new EdgeEvent.CertificateUpdated(UUID.randomUUID().toString(), domain, sealed.serial(),
                clock.instant());
        try {
            events.publish(event);
        } catch (EventPublishException e) {
            // Proxies also load a certificate they lack on first use, so a lost event only delays a cache refresh.
            LOG.warn("{}: certificate {} stored but cert-updated not published: {}", domain, sealed.serial(),
                    e.getMessage());
        }
        return new Outcome.Issued(active.get());
    }

    /**
     * The archive took our active record but Redis refused it: the name was removed, or changed hands, in between.
     * A new owner's record goes back into the archive. With no record in Redis the archive is left alone, because
     * that is also what a wiped Redis looks like, and deleting then would lose the domain for good; the log line
     * says how to tell the two apart.
     */
    private void undoArchivedRecord(DomainName domain) {
        try {
            Optional<DomainRecord> current = records.find(domain);
            if (current.isPresent()) {
                stores.archive().put(current.get());
                return;
            }
            LOG.atWarn().addKeyValue("event", "archived_record_without_redis_record").addKeyValue("domain",
                    domain.ascii()).log("{}: archived as active, but Redis has no record (removed during issuance,"
                            + " or Redis lost its data): if the tenant removed it, delete its archived record;"
                            + " otherwise run a reconcile", domain);
        } catch (StoreException e) {
            LOG.atError().addKeyValue("event", "archive_undo_failed").addKeyValue("domain", domain.ascii())
                    .setCause(e).log("{}: could not put the current record back into the archive; compare the"
                            + " archived record with Redis and run a reconcile", domain);
        }
    }
}
