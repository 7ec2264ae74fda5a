package dev.portico.acme;

import java.net.URI;
import java.util.Objects;

/**
 * The CA could not be reached or did not answer within the configured timeouts (refused, reset, DNS, TLS handshake,
 * read timeout). Raised within connect plus read timeout of the failing request, never a hang.
 */
public class AcmeNetworkException extends AcmeRetryableException {
    private static final long serialVersionUID = 1L;

    private final URI directory;

    public AcmeNetworkException(URI directory, Throwable cause) {
        super("ACME CA at " + directory + " could not be reached: " + rootMessage(cause)
                + "; check the directory URL, the network path to the CA and (for a private CA) the trusted CA file",
                null, cause);
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The directory URL of the CA that failed. */
    public URI getDirectory() {
        return directory;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown cause" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
