package dev.portico.acme;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Problem;

/**
 * A CA's problem document (RFC 8555 section 6.7, RFC 7807) in plain values, so callers never see acme4j types.
 *
 * @param type        the short type for ACME's own errors ({@code dns}, {@code rateLimited}); the full URI otherwise
 * @param typeUri     the type as the CA sent it, e.g. {@code urn:ietf:params:acme:error:dns}
 * @param detail      the CA's human-readable explanation
 * @param identifier  the identifier (domain name) the problem is about, when the CA said
 * @param subproblems per-identifier problems of a compound error
 */
public record AcmeProblem(String type, URI typeUri, Optional<String> detail, Optional<String> identifier,
        List<AcmeProblem> subproblems) {
    private static final String ACME_ERROR_PREFIX = "urn:ietf:params:acme:error:";

    public AcmeProblem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(typeUri, "typeUri");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(identifier, "identifier");
        subproblems = List.copyOf(subproblems);
    }

    /** A problem of one of ACME's own types, e.g. {@code of("dns", "no such host")}. */
    public static AcmeProblem of(String acmeType, String detail) {
        return new AcmeProblem(acmeType, URI.create(ACME_ERROR_PREFIX + acmeType), Optional.ofNullable(detail),
                Optional.empty(), List.of());
    }

    static AcmeProblem from(Problem problem) {
        URI uri = problem.getType();
        String text = uri.toString();
        String type = text.startsWith(ACME_ERROR_PREFIX) ? text.substring(ACME_ERROR_PREFIX.length()) : text;
        return new AcmeProblem(type, uri, problem.getDetail().map(String::strip).filter(d -> !d.isEmpty()),
                problem.getIdentifier().map(Identifier::getValue),
                problem.getSubProblems().stream().map(AcmeProblem::from).toList());
    }

    /**
     * The type that says what went wrong: for a compound problem, the first sub-problem's (Let's Encrypt reports
     * several names' failures that way, and the top-level type then says nothing).
     */
    public String effectiveType() {
        if (("compound".equals(type) || type.equals("about:blank")) && !subproblems.isEmpty()) {
            return subproblems.get(0).effectiveType();
        }
        return type;
    }

    /** The CA's words with the type, e.g. {@code "no valid A records found" [dns]}, for logs and messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(detail.map(d -> "\"" + d + "\"").orElse("(no detail)")).append(" [").append(type).append(']');
        for (AcmeProblem sub : subproblems) {
            out.append("; ").append(sub.identifier.map(id -> id + ": ").orElse("")).append(sub.describe());
        }
        return out.toString();
    }
}
