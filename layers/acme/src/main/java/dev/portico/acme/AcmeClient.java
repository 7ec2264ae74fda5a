package dev.portico.acme;

import java.security.KeyPair;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Session;

/**
 * One ACME CA, as configured by {@link AcmeSettings}: the entry point of this module.
 *
 * <pre>{@code
 * try (AcmeClient client = AcmeClient.create(settings)) {
 *     AcmeAccount account = client.account(accountKey).agreeToTermsOfService().findOrCreate();
 *     IssuedCertificate cert = account.order(domain).challengeStore(challenges).execute();
 * }
 * }</pre>
 *
 * <p>Creating a client does no network I/O; the CA's directory is fetched on first use and cached, as acme4j's
 * {@link Session} does. Keep one client per process (a Lambda's cold start) and share it between threads.
 */
public final class AcmeClient implements AutoCloseable {
    private final AcmeSettings settings;
    private final TrustingAcmeProvider provider;
    private final Session session;
    private final AcmeFailures failures;
    private java.net.http.HttpClient plainHttp;

    private AcmeClient(AcmeSettings settings, TrustingAcmeProvider provider) {
        this.settings = settings;
        this.provider = provider;
        this.session = new Session(settings.directory(), provider);
        // acme4j uses this one timeout per request (and, by default, for connecting); our provider connects with
        // the separate connect timeout.
        session.networkSettings().setTimeout(settings.readTimeout());
        // Problem details are shown to tenants and operators in English, whatever the host's default locale is.
        session.setLocale(Locale.ENGLISH);
        this.failures = new AcmeFailures(settings.directory());
    }

    /** A client for the CA in {@code settings}; reads the trusted CA file, if any, but contacts nothing. */
    public static AcmeClient create(AcmeSettings settings) throws AcmeConfigurationException {
        Objects.requireNonNull(settings, "settings");
        AcmeKeys.registerProvider();
        return new AcmeClient(settings, TrustingAcmeProvider.of(settings));
    }

    public AcmeSettings settings() {
        return settings;
    }

    /** Starts finding, creating or binding the account that {@code accountKey} identifies at this CA. */
    public AccountRequest account(KeyPair accountKey) {
        return new AccountRequest(this, Objects.requireNonNull(accountKey, "accountKey"));
    }

    /** The CA's terms of service, when its directory names any; fetches the directory on first use. */
    public Optional<java.net.URI> termsOfService() throws AcmeException {
        return metadata().getTermsOfService();
    }

    /** Starts a request for the CA's renewal information (RFC 9773) about {@code certificate}. */
    public RenewalInfoRequest renewalInfo(java.security.cert.X509Certificate certificate) {
        return new RenewalInfoRequest(this, Objects.requireNonNull(certificate, "certificate"));
    }

    /** One HTTP client for requests acme4j does not make itself, with the same trust and connect timeout. */
    synchronized java.net.http.HttpClient httpClient() {
        if (plainHttp == null) {
            plainHttp = provider.createHttpClient(session.networkSettings());
        }
        return plainHttp;
    }

    Metadata metadata() throws AcmeException {
        return failures.call(Optional.empty(), "reading the CA's directory", session::getMetadata);
    }

    Session session() {
        return session;
    }

    AcmeFailures failures() {
        return failures;
    }

    /** Releases the HTTP client's threads and connections. */
    @Override
    public void close() {
        provider.close();
    }

    @Override
    public String toString() {
        return "AcmeClient[" + settings.directory() + "]";
    }
}
