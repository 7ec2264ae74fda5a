package dev.portico.functions.purge;

import java.util.Objects;

/**
 * A direct invocation was refused: the input breaks a rule, the domain is not registered, or another tenant owns it.
 * Retrying the same input cannot help. Lambda reports it as the invocation's error ({@code errorType} is this class,
 * {@code errorMessage} starts with the code and the field), which is what {@code sam remote invoke} shows.
 */
public final class PurgeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String field;

    PurgeRejectedException(String code, String field, String message) {
        super(code + (field == null ? "" : " (" + field + ")") + ": " + message);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** The stable snake_case code, as the API's {@code error}. */
    public String getCode() {
        return code;
    }

    /** The input field at fault, as the API's {@code field}; null when none is. */
    public String getField() {
        return field;
    }
}
