package dev.portico.core.store;

import dev.portico.core.PorticoException;

/** A store operation failed; the data it concerns is unchanged unless the subclass says otherwise. */
public class StoreException extends PorticoException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
