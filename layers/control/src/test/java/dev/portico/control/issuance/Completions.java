package dev.portico.control.issuance;

import dev.portico.acme.IssuedCertificate;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.issuance.IssuanceRequest;
import java.time.Clock;

/**
 * The last step of a real issuance, without the CA: stores, archives and activates a certificate exactly as
 * {@link IssuanceService} does once an order is valid. For tests elsewhere that need active domains.
 */
public final class Completions {
    private Completions() {
    }

    public static Outcome complete(IssuanceStores stores, KeyEnvelope envelope, Clock clock, IssuedCertificate issued)
            throws Exception {
        IssuanceRecords records = new IssuanceRecords(stores.domains(), stores.renewals(), clock);
        IssuanceCompletion completion = new IssuanceCompletion(stores, records, envelope, event -> "unpublished",
                clock);
        return completion.complete(IssuanceRequest.first(issued.domain(), IssuanceRequest.Reason.REGISTERED,
                clock.instant()), issued);
    }
}
