package dev.portico.core;

import java.util.Objects;

/**
 * Input from outside (an API body, a CLI argument, a queue message) was refused. Carries the field it concerns and a
 * stable machine-readable code, so an API can answer {@code {"error": code, "message": ..., "field": ...}} without
 * parsing the message.
 */
public class InvalidInputException extends PorticoException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String code;

    public InvalidInputException(String field, String code, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The input field that was refused, e.g. {@code domain} or {@code origin}. */
    public String getField() {
        return field;
    }

    /** A stable snake_case code, e.g. {@code public_suffix}; safe to branch on. */
    public String getCode() {
        return code;
    }
}
