package dev.portico.core.event;

import dev.portico.core.PorticoException;

/** The edge event feed could not be read or set up; says which feed and what to check. */
public final class EventSourceException extends PorticoException {
    public EventSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
