package dev.portico.core.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The store could not be reached or did not answer within its timeout. Raised within a bounded time (connect plus
 * read timeout), never a hang. Callers that serve traffic keep serving what they hold; control-plane callers retry
 * the whole step later.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final Duration waited;

    public StoreUnavailableException(String endpoint, Duration waited, Throwable cause) {
        super("store at " + endpoint + " unavailable after " + waited.toMillis() + " ms: " + rootMessage(cause)
                + "; check that Redis is running and reachable (host, port, TLS, AUTH) and retry", cause);
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.waited = Objects.requireNonNull(waited, "waited");
    }

    /** The endpoint that failed, as {@code host:port}, without credentials. */
    public String getEndpoint() {
        return endpoint;
    }

    /** How long the operation waited before giving up. */
    public Duration getWaited() {
        return waited;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown cause" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
