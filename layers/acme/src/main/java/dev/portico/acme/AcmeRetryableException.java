package dev.portico.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * A failure that says nothing about the domain or the settings: the same step is expected to succeed when tried again
 * later. A queue consumer re-queues the work, no earlier than {@link #getRetryAfter()} when the CA named a time.
 */
public abstract class AcmeRetryableException extends AcmeException {
    private static final long serialVersionUID = 1L;

    private final Instant retryAfter;

    protected AcmeRetryableException(String message, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The earliest time the CA wants to hear from us again, when it said so. */
    public Optional<Instant> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
