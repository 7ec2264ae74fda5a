package dev.portico.control.issuance;

import dev.portico.acme.AcmeSettings;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.testkit.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A Pebble as these tests use it: client settings, fresh names, and checking a chain against its issuing root. */
final class PebbleCa {
    private PebbleCa() {
    }

    /** Trusts only the CA of Pebble's listener, as production trusts only the public roots. */
    static AcmeSettings settings(URI directory) {
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

    /** PKIX path validation as a TLS client does it, against the root Pebble issues from right now. */
    static void verify(List<X509Certificate> chain, URI managementUrl) throws Exception {
        X509Certificate root = issuerRoot(managementUrl);
        List<X509Certificate> path = chain.stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .toList();
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    }

    /** Pebble makes a new issuing root whenever it starts, so a copy on disk may be stale: ask Pebble itself. */
    static X509Certificate issuerRoot(URI managementUrl) throws Exception {
        URI roots = managementUrl.resolve("/roots/0");
        HttpResponse<String> response = get(roots);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(roots + " answered HTTP " + response.statusCode());
        }
        return Pem.parseChain(response.body()).get(0);
    }

    /** A GET to one of Pebble's listeners, trusting only the CA that signed them. */
    static HttpResponse<String> get(URI uri) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("listener-ca",
                Pem.parseChain(Files.readString(LocalServices.acmeServerCa())).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
