package dev.portico.control.issuance;

import dev.portico.acme.IssuedCertificate;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.StoreException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of an issuance: the certificate goes into the store (its key sealed) before the record says
 * {@code active}, so whoever sees the status can load the certificate; then the renewal is scheduled, the order
 * forgotten, and the edge told.
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
        DomainName domain = request.domain();
        stores.certificates().put(issued.seal(envelope));
        Optional<DomainRecord> active = records.activate(domain,
                new CertificateSummary(issued.serial(), issued.notBefore(), issued.notAfter()));
        stores.orders().forget(domain);
        if (active.isPresent()) {
            stores.renewalFailures().clear(domain);
        }
        if (active.isEmpty()) {
            // Removed while we were ordering: nothing may serve it, so the certificate goes too.
            stores.certificates().remove(domain);
            return new Outcome.Skipped(domain.unicode() + " was removed during issuance; certificate discarded");
        }
        EdgeEvent event = new EdgeEvent.CertificateUpdated(UUID.randomUUID().toString(), domain, issued.serial(),
                clock.instant());
        try {
            events.publish(event);
        } catch (EventPublishException e) {
            // Proxies also load a certificate they lack on first use, so a lost event only delays a cache refresh.
            LOG.warn("{}: certificate {} stored but cert-updated not published: {}", domain, issued.serial(),
                    e.getMessage());
        }
        return new Outcome.Issued(active.get());
    }
}
