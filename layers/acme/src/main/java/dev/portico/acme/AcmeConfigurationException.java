package dev.portico.acme;

/**
 * The settings do not work, found before or without asking the CA to do anything: an unreadable trusted CA file, a
 * profile the CA does not offer, a CA that requires external account binding when none is configured.
 */
public class AcmeConfigurationException extends AcmeException {
    private static final long serialVersionUID = 1L;

    public AcmeConfigurationException(String message) {
        super(message);
    }

    public AcmeConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
