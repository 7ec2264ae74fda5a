package dev.portico.functions.domains;

import java.util.Map;
import java.util.Objects;

/**
 * The HTTP request itself was refused before it reached the service: an unknown route, a body that is not the
 * JSON object it should be, a bad query parameter. Carries everything the error response needs.
 */
final class RequestRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, String> headers;

    RequestRejectedException(int status, String code, String field, String message) {
        this(status, code, field, message, Map.of());
    }

    RequestRejectedException(int status, String code, String field, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    static RequestRejectedException badRequest(String code, String field, String message) {
        return new RequestRejectedException(400, code, field, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The field, header or parameter at fault; null when the request as a whole is. */
    String field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }
}
