package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.testkit.LocalServices;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** The local Pebble as this module's tests use it: settings and fresh names. */
final class Pebble {
    private static final DomainNamePolicy TEST_NAMES = DomainNamePolicy.strict().withExtraSuffixes(Set.of("test"));

    private Pebble() {
    }

    /** Trusts only Pebble's listener CA, as production would trust only the public roots. */
    static AcmeSettings settings() {
        return AcmeSettings.forDirectory(LocalServices.acmeDirectory())
                .withTrustedCa(LocalServices.acmeServerCa())
                .withContactEmail("acme-it@example.com")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .withPollBound(Duration.ofSeconds(30));
    }

    /**
     * A name no test used before: Pebble reuses valid authorizations half of the time, which would skip the very
     * validation a test wants to see.
     */
    static DomainName freshDomain() throws Exception {
        return TEST_NAMES.parse("acme-" + UUID.randomUUID().toString().substring(0, 8) + ".portico.test");
    }
}
