package dev.portico.acme;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.KeyPair;
import java.util.Optional;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Finds or creates the account of one key pair at the CA. The key pair identifies the account (RFC 8555 section
 * 7.3.1): asking again with the same key returns the same account, so the caller only needs to keep the key, sealed.
 * The contact address and external account binding come from the client's {@link AcmeSettings}.
 */
public final class AccountRequest {
    private final AcmeClient client;
    private final KeyPair key;
    private boolean agreeToTerms;

    AccountRequest(AcmeClient client, KeyPair key) {
        this.client = client;
        this.key = key;
    }

    /** Agrees to the CA's terms of service ({@link AcmeClient#termsOfService()}) when creating the account. */
    public AccountRequest agreeToTermsOfService() {
        this.agreeToTerms = true;
        return this;
    }

    /** The existing account of this key, or a new one; one request to the CA (plus the directory, once). */
    public AcmeAccount findOrCreate() throws AcmeException {
        Metadata meta = client.metadata();
        AcmeSettings settings = client.settings();
        if (meta.isExternalAccountRequired() && settings.eab().isEmpty()) {
            throw new AcmeConfigurationException("the CA at " + settings.directory() + " requires external account "
                    + "binding: configure the EAB key id and HMAC key it issued for this account");
        }
        if (meta.getTermsOfService().isPresent() && !agreeToTerms) {
            throw new AcmeConfigurationException("the CA at " + settings.directory() + " has terms of service ("
                    + meta.getTermsOfService().get() + "): agree to them with agreeToTermsOfService()");
        }
        AccountBuilder builder = new AccountBuilder().useKeyPair(key);
        if (agreeToTerms) {
            builder.agreeToTermsOfService();
        }
        settings.contactEmail().ifPresent(builder::addEmail);
        settings.eab().ifPresent(eab -> builder.withKeyIdentifier(eab.keyId(), eab.hmacKey()));
        Login login = client.failures().call(Optional.empty(), "finding or creating the account",
                () -> builder.createLogin(client.session()));
        return new AcmeAccount(client, login, toUri(login.getAccountLocation()));
    }

    /** The existing account of this key, without creating one; empty when the CA knows no account for it. */
    public Optional<AcmeAccount> findExisting() throws AcmeException {
        AccountBuilder builder = new AccountBuilder().useKeyPair(key).onlyExisting();
        try {
            Login login = builder.createLogin(client.session());
            return Optional.of(new AcmeAccount(client, login, toUri(login.getAccountLocation())));
        } catch (AcmeServerException e) {
            if ("urn:ietf:params:acme:error:accountDoesNotExist".equals(e.getType().toString())) {
                return Optional.empty();
            }
            throw client.failures().map(Optional.empty(), "looking up the account", e);
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw client.failures().map(Optional.empty(), "looking up the account", e);
        }
    }

    /**
     * The account at a location learnt earlier (from {@link AcmeAccount#location()}), without asking the CA: saves
     * a request per cold start. A wrong location fails on first use with {@link AcmeRejectedException}.
     */
    public AcmeAccount bind(URI location) {
        try {
            return new AcmeAccount(client, client.session().login(location.toURL(), key), location);
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an account URL: " + location, e);
        }
    }

    static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the CA returned a location that is not a URI: " + url, e);
        }
    }
}
