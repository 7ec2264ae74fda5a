package dev.portico.edge.store;

import dev.portico.core.PorticoException;

/** A stored value that cannot be used: a chain that does not parse, a key that does not open, a bad origin. */
public class UnusableValueException extends PorticoException {
    public UnusableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
