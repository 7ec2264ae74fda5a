package dev.portico.control;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;

/**
 * A registration whose three inputs all passed the policy. Parsing every field before anything is read or written
 * is what lets a refused request leave no trace.
 */
record RegistrationRequest(DomainName domain, TenantId tenant, OriginUrl origin) {

    /** Checks the fields in the order a client wrote them (domain, tenant, origin) and reports the first refusal. */
    static RegistrationRequest parse(RegistrationPolicy policy, String domain, String tenant, String origin)
            throws InvalidInputException {
        DomainName name = policy.names().parse(domain);
        TenantId owner = TenantId.parse(tenant);
        OriginUrl target = policy.origins().parse(origin);
        return new RegistrationRequest(name, owner, target);
    }
}
