package dev.portico.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * The CA failed on its side: an internal error, an HTTP 5xx without a problem document, or nonces it kept rejecting
 * after acme4j's own retries. Nothing is wrong with the domain or the account.
 */
public class AcmeServerErrorException extends AcmeRetryableException {
    private static final long serialVersionUID = 1L;

    private final AcmeProblem problem;

    public AcmeServerErrorException(String message, AcmeProblem problem, Instant retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
        this.problem = problem;
    }

    /** The CA's problem document, when it sent one. */
    public Optional<AcmeProblem> getProblem() {
        return Optional.ofNullable(problem);
    }
}
