package dev.portico.functions.renew;

/**
 * The run could not read what is due (Redis unreachable): the invocation fails, so the schedule's own retries and the
 * function's error metric see it; nothing was half done, as every taken renewal was enqueued before it was moved.
 */
public final class RenewalRunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenewalRunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
