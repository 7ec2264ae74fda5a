package dev.portico.acme;

import java.util.Optional;

/**
 * The CA refused a request for a reason the operator must fix, not the tenant: the account (deactivated, unknown key,
 * terms of service to agree to), external account binding, or a request the CA considers malformed. Retrying the
 * same request fails the same way.
 */
public class AcmeRejectedException extends AcmeException {
    private static final long serialVersionUID = 1L;

    private final AcmeProblem problem;

    public AcmeRejectedException(String message, AcmeProblem problem, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** The CA's problem document, when the refusal came with one. */
    public Optional<AcmeProblem> getProblem() {
        return Optional.ofNullable(problem);
    }
}
