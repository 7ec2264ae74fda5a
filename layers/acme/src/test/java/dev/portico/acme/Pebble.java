package dev.portico.acme;

import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.testkit.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The local Pebble as this module's tests use it: settings, fresh names, its issuing root. */
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

    /** Pebble makes a new issuing root whenever it restarts, so a copy on disk may be stale: ask Pebble itself. */
    static X509Certificate issuerRoot() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("pebble-listener-ca",
                Pem.parseChain(Files.readString(LocalServices.acmeServerCa())).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        URI roots = URI.create(LocalServices.get("PEBBLE_MGMT_URL") + "/roots/0");
        try (HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(roots).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(roots + " answered HTTP " + response.statusCode());
            }
            return Pem.parseChain(response.body()).get(0);
        }
    }
}
