package dev.portico.core.archive;

import dev.portico.core.store.StoreException;

/**
 * An archive call failed or did not finish within its timeouts. A failed {@code put} may or may not have reached the
 * archive; every put is a whole-object replace, so retrying it is safe. A store exception, so that callers that
 * already answer "store unavailable, retry" for Redis do the same for the archive.
 */
public class ArchiveException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
