package dev.portico.acme;

import dev.portico.core.PorticoException;

/**
 * Root of every failure talking to the ACME CA. Catch a subclass where the caller can act on it: {@link
 * AcmeRetryableException} (try the whole step again later), {@link AcmeInvalidException} (the tenant must fix their
 * domain), {@link AcmeRejectedException} and {@link AcmeConfigurationException} (the operator must fix something).
 * This class itself is thrown for failures that fit none of those, so a caller handling only the root still reports
 * the CA's words.
 */
public class AcmeException extends PorticoException {
    private static final long serialVersionUID = 1L;

    public AcmeException(String message) {
        super(message);
    }

    public AcmeException(String message, Throwable cause) {
        super(message, cause);
    }
}
