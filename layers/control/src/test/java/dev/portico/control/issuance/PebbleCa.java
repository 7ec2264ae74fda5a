package dev.portico.control.issuance;

import dev.portico.acme.AcmeSettings;
import dev.portico.core.domain.DomainName;
import dev.portico.testkit.LocalServices;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** A Pebble as these tests use it: client settings and fresh names. */
public final class PebbleCa {
    private PebbleCa() {
    }

    /** Trusts only the CA of Pebble's listener, as production trusts only the public roots. */
    public static AcmeSettings settings(URI directory) {
        return AcmeSettings.forDirectory(directory)
                .withTrustedCa(LocalServices.acmeServerCa())
                .withContactEmail("issuance-it@example.com")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .withPollBound(Duration.ofSeconds(30));
    }

    /** A name never used before: Pebble reuses valid authorizations half of the time, skipping validation. */
    static DomainName freshDomain(String label) {
        return DomainName.ofTrusted(label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".portico.test");
    }
}
