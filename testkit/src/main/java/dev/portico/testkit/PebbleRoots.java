package dev.portico.testkit;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Verifies certificates the way a TLS client would, against the root the local Pebble issues from. Pebble makes a
 * new root at every start, so the root is always fetched from its management port, never read from a stale file.
 */
public final class PebbleRoots {
    private PebbleRoots() {
    }

    /** Pebble's current issuing root, from {@code PEBBLE_MGMT_URL/roots/0}. */
    public static X509Certificate issuerRoot() throws Exception {
        return issuerRoot(URI.create(LocalServices.get("PEBBLE_MGMT_URL")));
    }

    /** The current issuing root of the Pebble whose management port is {@code managementUrl}, such as a test's own. */
    public static X509Certificate issuerRoot(URI managementUrl) throws Exception {
        URI roots = managementUrl.resolve("/roots/0");
        HttpResponse<String> response = get(roots);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(roots + " answered HTTP " + response.statusCode());
        }
        return parse(response.body()).get(0);
    }

    /** PKIX path validation of {@code chain} (leaf first) up to Pebble's current root; throws when it fails. */
    public static void verify(List<X509Certificate> chain) throws Exception {
        verify(chain, URI.create(LocalServices.get("PEBBLE_MGMT_URL")));
    }

    /** As {@link #verify(List)}, up to the root of the Pebble whose management port is {@code managementUrl}. */
    public static void verify(List<X509Certificate> chain, URI managementUrl) throws Exception {
        List<X509Certificate> path = chain.stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .toList();
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(issuerRoot(managementUrl), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    }

    /** A GET to one of Pebble's listeners, trusting only the CA that signed them. */
    public static HttpResponse<String> get(URI uri) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("listener-ca", parse(Files.readString(LocalServices.acmeServerCa())).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    public static List<X509Certificate> parse(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toList();
    }
}
