package dev.portico.core.store;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate as stored: the PEM chain (leaf first) and the private key sealed by the key envelope.
 *
 * @param serial hexadecimal serial number of the leaf, lower case
 */
public record StoredCertificate(DomainName domain, String chainPem, SealedKey key, String serial, Instant notBefore,
        Instant notAfter) {
    public StoredCertificate {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(chainPem, "chainPem");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
