package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.util.Objects;

/**
 * The CA will not issue for this domain as things stand: validation failed (DNS, connection, wrong answer), a CAA
 * record forbids the CA, or its policy refuses the name. Retrying without a change on the tenant's side fails again,
 * so the domain should go to {@code failed} (or back to {@code pending_dns}) with {@link #getAdvice()} as the reason.
 */
public class AcmeInvalidException extends AcmeException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final AcmeProblem problem;
    private final String advice;

    public AcmeInvalidException(DomainName domain, AcmeProblem problem, String advice) {
        super(advice + ". The CA said: " + problem.describe());
        this.domain = Objects.requireNonNull(domain, "domain");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    public DomainName getDomain() {
        return domain;
    }

    /** The CA's problem; {@link AcmeProblem#type()} is stable enough to branch on, e.g. {@code dns}. */
    public AcmeProblem getProblem() {
        return problem;
    }

    /** What the tenant should check, in plain words, naming the domain; without the CA's own wording. */
    public String getAdvice() {
        return advice;
    }
}
