package dev.portico.control.renewal;

import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeException;
import dev.portico.acme.SuggestedWindow;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Where the CA's renewal information comes from; the ACME client in production, a stub in unit tests. */
@FunctionalInterface
public interface RenewalInfoSource {
    /** The CA's window for {@code certificate}; empty when the CA offers no renewal information. */
    Optional<SuggestedWindow> fetch(X509Certificate certificate) throws AcmeException;

    static RenewalInfoSource of(AcmeClient client) {
        return certificate -> client.renewalInfo(certificate).fetch();
    }
}
