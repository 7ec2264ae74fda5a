package dev.portico.core.domain;

import dev.portico.core.InvalidInputException;
import java.util.Locale;

/** A domain name was refused; {@link #getReason()} says which rule, the message says it for a person. */
public class InvalidDomainNameException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Each rule a name can break. The code sent to API clients is the lower-case name. */
    public enum Reason {
        EMPTY,
        TOO_LONG,
        EMPTY_LABEL,
        LABEL_TOO_LONG,
        LOOKS_LIKE_URL,
        HAS_PORT,
        WHITESPACE_OR_CONTROL,
        INVALID_CHARACTER,
        UNDERSCORE,
        WILDCARD,
        IP_ADDRESS,
        NUMERIC_TLD,
        HYPHEN_AT_LABEL_EDGE,
        RESERVED_HYPHENS,
        INVALID_PUNYCODE,
        IDN_DISALLOWED,
        IDN_BIDI,
        IDN_CONTEXT,
        IDN_COMBINING_MARK,
        SINGLE_LABEL,
        SPECIAL_USE,
        PUBLIC_SUFFIX,
        UNKNOWN_TLD,
        PLATFORM_DOMAIN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String input;

    public InvalidDomainNameException(Reason reason, String input, String message) {
        super("domain", reason.code(), message);
        this.reason = reason;
        this.input = input;
    }

    public Reason getReason() {
        return reason;
    }

    /** The refused input as given, possibly truncated for logging. */
    public String getInput() {
        return input;
    }
}
