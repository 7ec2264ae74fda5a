package dev.portico.core.event;

import dev.portico.core.PorticoException;

/** An event could not be handed to the transport; the caller retries the whole step, which is idempotent. */
public class EventPublishException extends PorticoException {
    private static final long serialVersionUID = 1L;

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
