package dev.portico.control;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.OriginUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * The domain is registered already in a way that a registration cannot simply confirm. Either another tenant owns
 * it ({@link Reason#DOMAIN_TAKEN}; which tenant is never said, tenants must not learn about each other), or the same
 * tenant registered it with another origin ({@link Reason#REGISTERED_WITH_OTHER_ORIGIN}; silently switching origin
 * on a repeated POST would make a retry of an old request undo a newer one).
 */
public class DomainConflictException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        DOMAIN_TAKEN("domain_taken"),
        REGISTERED_WITH_OTHER_ORIGIN("registered_with_other_origin");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final DomainName domain;
    private final Reason reason;
    private final OriginUrl currentOrigin;

    private DomainConflictException(DomainName domain, Reason reason, OriginUrl currentOrigin, String message) {
        super(reason.code(), message);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.reason = reason;
        this.currentOrigin = currentOrigin;
    }

    static DomainConflictException taken(DomainName domain) {
        return new DomainConflictException(domain, Reason.DOMAIN_TAKEN, null, domain.ascii()
                + " is registered by another tenant; a domain can belong to one tenant only. If this tenant owns the"
                + " name, the other registration has to be removed first");
    }

    static DomainConflictException otherOrigin(DomainName domain, OriginUrl current, OriginUrl requested) {
        return new DomainConflictException(domain, Reason.REGISTERED_WITH_OTHER_ORIGIN, current,
                domain.ascii() + " is already registered for this tenant with origin " + current + ", not "
                        + requested + "; to change the origin, remove the domain first (DELETE /domains/"
                        + domain.ascii() + ") and register it again");
    }

    public DomainName getDomain() {
        return domain;
    }

    public Reason getReason() {
        return reason;
    }

    /** The origin the domain is registered with, for {@link Reason#REGISTERED_WITH_OTHER_ORIGIN} only. */
    public Optional<OriginUrl> getCurrentOrigin() {
        return Optional.ofNullable(currentOrigin);
    }

    @Override
    public String getField() {
        return reason == Reason.DOMAIN_TAKEN ? "domain" : "origin";
    }
}
