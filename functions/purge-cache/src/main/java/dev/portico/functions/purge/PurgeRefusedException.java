package dev.portico.functions.purge;

import dev.portico.core.PorticoException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.util.Objects;

/**
 * The purge was understood but is not allowed: the domain is not registered, or another tenant owns it. Nothing was
 * published. The message names only the tenant that asked: who owns a domain is not the caller's business.
 */
public final class PurgeRefusedException extends PorticoException {
    private static final long serialVersionUID = 1L;

    /** Why, with the stable code and the field at fault that an API answers. */
    public enum Reason {
        DOMAIN_NOT_FOUND("domain_not_found", "domain"),
        NOT_OWNER("not_owner", "tenant");

        private final String code;
        private final String field;

        Reason(String code, String field) {
            this.code = code;
            this.field = field;
        }

        public String code() {
            return code;
        }

        public String field() {
            return field;
        }
    }

    private final Reason reason;

    private PurgeRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static PurgeRefusedException notFound(DomainName domain) {
        return new PurgeRefusedException(Reason.DOMAIN_NOT_FOUND, domain.ascii()
                + " is not registered, so no edge caches it; register it with POST /domains");
    }

    static PurgeRefusedException notOwner(DomainName domain, TenantId tenant) {
        return new PurgeRefusedException(Reason.NOT_OWNER, domain.ascii() + " is not registered by tenant " + tenant
                + "; only the tenant that registered a domain can purge its cache");
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    public String field() {
        return reason.field();
    }
}
