package dev.portico.functions.purge;

import java.util.Objects;

/**
 * A direct invocation could not be carried out for now: the store could not be read or the edge-events topic did not
 * accept the event. Nothing was purged; invoking again with the same input is safe.
 */
public final class PurgeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    PurgeFailedException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String getCode() {
        return code;
    }
}
