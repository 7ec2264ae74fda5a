package dev.portico.core.issuance;

import dev.portico.core.PorticoException;

/** A message could not be handed to the queue; nothing was sent. */
public class QueueException extends PorticoException {
    private static final long serialVersionUID = 1L;

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
