package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The CA had not finished within the poll bound (or asked to be polled again only after it). The order is still
 * alive at the CA: resuming it from {@link #getOrderLocation()} later is cheaper than starting over.
 */
public class AcmeTimeoutException extends AcmeRetryableException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final URI orderLocation;
    private final Duration waited;

    public AcmeTimeoutException(DomainName domain, String waitingFor, URI orderLocation, Duration waited,
            Instant retryAfter) {
        super(domain + ": the CA had not finished " + waitingFor + " after " + waited.toMillis() + " ms"
                + (retryAfter == null ? "" : " and asked to poll again after " + retryAfter)
                + "; the order " + orderLocation + " stays open and can be resumed", retryAfter, null);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.orderLocation = Objects.requireNonNull(orderLocation, "orderLocation");
        this.waited = Objects.requireNonNull(waited, "waited");
    }

    public DomainName getDomain() {
        return domain;
    }

    /** The order that is still open at the CA. */
    public URI getOrderLocation() {
        return orderLocation;
    }

    public Duration getWaited() {
        return waited;
    }
}
