package dev.portico.control;

import dev.portico.core.PorticoException;
import java.util.Objects;

/**
 * A request to the {@link DomainService} was understood but cannot be carried out as asked: the name is taken, a
 * quota is used up, the domain is unknown or belongs to someone else. Each carries a stable code, so an API can
 * answer {@code {"error": code, ...}} without parsing the message, and the message says what the caller can do.
 */
public abstract class DomainServiceException extends PorticoException {
    private static final long serialVersionUID = 1L;

    private final String code;

    protected DomainServiceException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    protected DomainServiceException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A stable snake_case code, e.g. {@code domain_taken}; safe to branch on. */
    public String getCode() {
        return code;
    }

    /** The input field the refusal concerns, e.g. {@code domain} or {@code tenant}; null when none is at fault. */
    public abstract String getField();
}
