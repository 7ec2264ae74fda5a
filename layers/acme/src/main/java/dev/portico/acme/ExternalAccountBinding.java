package dev.portico.acme;

import java.util.Base64;
import java.util.Objects;

/**
 * External account binding credentials (RFC 8555 section 7.3.4), as CAs such as ZeroSSL or Google hand them out.
 *
 * @param keyId   the key identifier
 * @param hmacKey the MAC key, base64url-encoded as the CA shows it; never printed
 */
public record ExternalAccountBinding(String keyId, String hmacKey) {
    public ExternalAccountBinding {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(hmacKey, "hmacKey");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("EAB key id is blank");
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(hmacKey.strip());
        } catch (IllegalArgumentException e) {
            // Say which setting is wrong without echoing the secret.
            throw new IllegalArgumentException("EAB HMAC key for key id " + keyId + " is not base64url", e);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("EAB HMAC key for key id " + keyId + " is shorter than 128 bits");
        }
        hmacKey = hmacKey.strip();
    }

    @Override
    public String toString() {
        return "ExternalAccountBinding[keyId=" + keyId + ", hmacKey=(hidden)]";
    }
}
