package dev.portico.control.issuance;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import java.util.Objects;

/**
 * Checks, before the CA is asked, that a domain's HTTP traffic already reaches the edge: a CA attempt that cannot
 * succeed costs a failed authorization, and Let's Encrypt pauses accounts that collect too many.
 */
public interface RoutingProbe {
    Result probe(DomainName domain) throws StoreException;

    /** {@code detail} says what was seen, for the tenant's reason and the logs. */
    record Result(boolean routed, String detail) {
        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result routed(String detail) {
            return new Result(true, detail);
        }

        public static Result notRouted(String detail) {
            return new Result(false, detail);
        }
    }
}
