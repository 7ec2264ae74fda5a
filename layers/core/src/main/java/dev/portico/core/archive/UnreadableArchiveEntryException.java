package dev.portico.core.archive;

/**
 * An archived object exists but is not a record or certificate this version can read: unknown format version,
 * missing field, or a name that does not match its key. Retrying does not help; reconciliation skips the entry and
 * logs it, and the message names the object so an operator can inspect it.
 */
public class UnreadableArchiveEntryException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    public UnreadableArchiveEntryException(String message) {
        super(message);
    }

    public UnreadableArchiveEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
