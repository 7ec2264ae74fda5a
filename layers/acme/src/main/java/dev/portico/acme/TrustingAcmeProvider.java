package dev.portico.acme;

import dev.portico.core.crypto.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider with our own HTTP client: a separate connect timeout, and an optional trust store holding
 * only the configured CA, so a private or test CA (Pebble) is trusted by this client alone and the JVM-wide trust
 * (which the proxy and the AWS SDK share) stays untouched.
 *
 * <p>acme4j 4 builds its {@link HttpClient} through {@code AcmeProvider#createHttpClient}; a provider is the one
 * place to put an {@link SSLContext}, as {@code NetworkSettings} has no trust setting.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final Duration connectTimeout;
    private final Optional<SSLContext> sslContext;
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    private TrustingAcmeProvider(Duration connectTimeout, Optional<SSLContext> sslContext) {
        this.connectTimeout = connectTimeout;
        this.sslContext = sslContext;
    }

    static TrustingAcmeProvider of(AcmeSettings settings) throws AcmeConfigurationException {
        Optional<SSLContext> context = Optional.empty();
        if (settings.trustedCa().isPresent()) {
            context = Optional.of(sslContextTrusting(settings.trustedCa().get()));
        }
        return new TrustingAcmeProvider(settings.connectTimeout(), context);
    }

    @Override
    public boolean accepts(URI serverUri) {
        String scheme = serverUri.getScheme() == null ? "" : serverUri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http");
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .proxy(settings.getProxySelector());
        sslContext.ifPresent(builder::sslContext);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        HttpClient client = builder.build();
        clients.add(client);
        return client;
    }

    /** Stops the clients' selector threads; acme4j never closes the client it asked for. */
    void close() {
        clients.forEach(HttpClient::close);
        clients.clear();
    }

    private static SSLContext sslContextTrusting(Path pemFile) throws AcmeConfigurationException {
        try {
            List<X509Certificate> cas = Pem.parseChain(Files.readString(pemFile, StandardCharsets.US_ASCII));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeConfigurationException("cannot use trusted CA file " + pemFile + " for the ACME directory: "
                    + e.getMessage() + "; it must hold the PEM certificate of the CA that signs the directory's TLS "
                    + "certificate", e);
        }
    }
}
