package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.net.URI;
import java.util.Objects;

/**
 * An order remembered from an earlier attempt cannot be continued: the CA no longer knows it, it expired or was
 * deactivated, it is for other names, or it was finalized with a certificate key that died with that attempt. Nothing
 * is wrong with the domain: forget the order and start a new one.
 */
public class AcmeOrderNotResumableException extends AcmeException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final URI orderLocation;

    public AcmeOrderNotResumableException(DomainName domain, URI orderLocation, String why, Throwable cause) {
        super(domain + ": order " + orderLocation + " cannot be resumed: " + why + "; start a new order", cause);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.orderLocation = Objects.requireNonNull(orderLocation, "orderLocation");
    }

    public DomainName getDomain() {
        return domain;
    }

    public URI getOrderLocation() {
        return orderLocation;
    }
}
