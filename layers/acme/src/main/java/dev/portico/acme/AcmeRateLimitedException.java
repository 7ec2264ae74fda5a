package dev.portico.acme;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The CA refused the request because a rate limit was reached. Retrying before {@link #getRetryAfter()} only burns
 * more of the limit, so callers must not retry sooner.
 */
public class AcmeRateLimitedException extends AcmeRetryableException {
    private static final long serialVersionUID = 1L;

    private final AcmeProblem problem;
    private final List<URI> documents;

    public AcmeRateLimitedException(AcmeProblem problem, Instant retryAfter, List<URI> documents, Throwable cause) {
        super("ACME CA rate limit reached" + (retryAfter == null ? "" : ", retry after " + retryAfter) + ": "
                + problem.describe(), retryAfter, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.documents = List.copyOf(documents);
    }

    public AcmeProblem getProblem() {
        return problem;
    }

    /** Pages the CA links to that explain the limit. */
    public List<URI> getDocuments() {
        return documents;
    }
}
