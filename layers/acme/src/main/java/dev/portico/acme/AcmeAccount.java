package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.net.URI;
import java.security.KeyPair;
import java.util.Objects;
import org.shredzone.acme4j.Login;

/** An account at the CA, ready to order certificates. Get one from {@link AcmeClient#account(KeyPair)}. */
public final class AcmeAccount {
    private final AcmeClient client;
    private final Login login;
    private final URI location;

    AcmeAccount(AcmeClient client, Login login, URI location) {
        this.client = client;
        this.login = login;
        this.location = location;
    }

    /** The account URL, the CA's name for this account; stable for the key pair. */
    public URI location() {
        return location;
    }

    /** The account's key pair; store it sealed ({@link AcmeKeys#toPkcs8}) to use the account again. */
    public KeyPair keyPair() {
        return login.getKeyPair();
    }

    /** Starts an order for a certificate for {@code domain}. */
    public CertificateOrder order(DomainName domain) {
        return new CertificateOrder(client, login, Objects.requireNonNull(domain, "domain"), null);
    }

    /**
     * Continues the order at {@code orderLocation} (learnt from {@link OrderListener#orderCreated}) instead of
     * creating one: a retry after a timeout or a crash costs no new order at the CA. {@link CertificateOrder#execute()}
     * throws {@link AcmeOrderNotResumableException} when the order cannot be continued.
     */
    public CertificateOrder resume(DomainName domain, URI orderLocation) {
        return new CertificateOrder(client, login, Objects.requireNonNull(domain, "domain"),
                Objects.requireNonNull(orderLocation, "orderLocation"));
    }

    @Override
    public String toString() {
        return "AcmeAccount[" + location + "]";
    }
}
