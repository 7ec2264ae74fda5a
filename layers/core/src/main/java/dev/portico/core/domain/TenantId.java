package dev.portico.core.domain;

import dev.portico.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The SaaS's own identifier of a tenant. Letters, digits, {@code -}, {@code _} and {@code .}, starting with a letter
 * or digit, at most 64 characters: wide enough for slugs and UUIDs, and free of the {@code :}, braces and spaces that
 * would let one tenant's storage keys collide with another's.
 */
public record TenantId(String value) {
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public TenantId {
        if (value == null || value.length() > MAX_LENGTH || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid tenant id; use TenantId.parse for input from outside");
        }
    }

    /** Validates input from outside, with a message that says what is wrong. */
    public static TenantId parse(String input) throws InvalidInputException {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("tenant", "tenant_missing", "tenant is missing: give the SaaS's id of the tenant");
        }
        if (input.length() > MAX_LENGTH) {
            throw new InvalidInputException("tenant", "tenant_too_long",
                    "tenant is " + input.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!VALID.matcher(input).matches()) {
            throw new InvalidInputException("tenant", "tenant_invalid_characters",
                    "tenant may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit");
        }
        return new TenantId(input);
    }

    @Override
    public String toString() {
        return value;
    }
}
