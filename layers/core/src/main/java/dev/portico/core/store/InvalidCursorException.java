package dev.portico.core.store;

/**
 * A page cursor that the store did not issue (forged, truncated, or from another listing). Nothing was read; the
 * caller answers it as bad input, not as a store failure.
 */
public class InvalidCursorException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String cursor;

    public InvalidCursorException(String cursor) {
        super("the page cursor was not issued by this store; list again without a cursor to start from the first page");
        this.cursor = cursor;
    }

    /** The refused cursor, as given. */
    public String getCursor() {
        return cursor;
    }
}
