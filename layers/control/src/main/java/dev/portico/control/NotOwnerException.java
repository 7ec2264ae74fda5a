package dev.portico.control;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.util.Objects;

/**
 * The domain exists but belongs to another tenant than the one acting on it. The message names only the tenant
 * that asked: who owns the domain is not the caller's business.
 */
public class NotOwnerException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final TenantId tenant;

    NotOwnerException(DomainName domain, TenantId tenant) {
        super("not_owner", domain.ascii() + " is not registered by tenant " + tenant
                + "; only the tenant that registered a domain can change or remove it");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    public DomainName getDomain() {
        return domain;
    }

    /** The tenant that asked and is not the owner. */
    public TenantId getTenant() {
        return tenant;
    }

    @Override
    public String getField() {
        return "tenant";
    }
}
