package dev.portico.core.crypto;

import dev.portico.core.PorticoException;

/**
 * A key could not be sealed or opened: the envelope was tampered with or belongs to another domain, the data key
 * could not be decrypted (wrong master key, KMS denied or unreachable), or the format is unknown.
 */
public class KeyEnvelopeException extends PorticoException {
    private static final long serialVersionUID = 1L;

    public KeyEnvelopeException(String message) {
        super(message);
    }

    public KeyEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
