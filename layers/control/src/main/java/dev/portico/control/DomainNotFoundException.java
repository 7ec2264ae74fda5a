package dev.portico.control;

import dev.portico.core.domain.DomainName;
import java.util.Objects;

/** No tenant has registered the domain (or it was removed). */
public class DomainNotFoundException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;

    DomainNotFoundException(DomainName domain) {
        super("domain_not_found", domain.ascii() + " is not registered; register it with POST /domains");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    public DomainName getDomain() {
        return domain;
    }

    @Override
    public String getField() {
        return "domain";
    }
}
