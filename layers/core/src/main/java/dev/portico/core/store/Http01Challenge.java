package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP-01 challenge answer waiting for the CA: the token from the URL path, the domain it was issued for, and the
 * key authorization to answer with.
 */
public record Http01Challenge(String token, DomainName domain, String keyAuthorization) {
    /** ACME tokens are base64url without padding (RFC 8555 section 8.3); at least 128 bits of entropy. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    public Http01Challenge {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        if (!isWellFormedToken(token)) {
            throw new IllegalArgumentException("not an ACME token: " + token);
        }
        if (!keyAuthorization.startsWith(token + ".")) {
            throw new IllegalArgumentException("key authorization does not belong to token " + token);
        }
    }

    /** Cheap syntactic check, so a server can refuse junk paths before any store read. */
    public static boolean isWellFormedToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }
}
