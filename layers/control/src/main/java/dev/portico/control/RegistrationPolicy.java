package dev.portico.control;

import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.core.domain.OriginPolicy;
import java.util.Objects;

/**
 * What the {@link DomainService} accepts: which names and origins, and how much one tenant may register.
 *
 * @param names                  the rules a custom domain must meet
 * @param origins                the origins the edge may be pointed at (no private addresses in production)
 * @param maxDomainsPerTenant    the most domains one tenant may hold at once
 * @param registrationsPerMinute the most new registrations one tenant may make within any minute; bounds the
 *                               issuance work (and CA orders) one tenant can cause
 */
public record RegistrationPolicy(DomainNamePolicy names, OriginPolicy origins, int maxDomainsPerTenant,
        int registrationsPerMinute) {
    public static final int DEFAULT_MAX_DOMAINS_PER_TENANT = 1000;
    public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 60;

    public RegistrationPolicy {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(origins, "origins");
        if (maxDomainsPerTenant < 1) {
            throw new IllegalArgumentException("maxDomainsPerTenant must be at least 1, got " + maxDomainsPerTenant);
        }
        if (registrationsPerMinute < 1) {
            throw new IllegalArgumentException("registrationsPerMinute must be at least 1, got "
                    + registrationsPerMinute);
        }
    }

    /** Public names, public origins, the default quotas: what production runs with unless configured. */
    public static RegistrationPolicy defaults() {
        return new RegistrationPolicy(DomainNamePolicy.strict(), OriginPolicy.strict(), DEFAULT_MAX_DOMAINS_PER_TENANT,
                DEFAULT_REGISTRATIONS_PER_MINUTE);
    }

    public RegistrationPolicy withNames(DomainNamePolicy policy) {
        return new RegistrationPolicy(policy, origins, maxDomainsPerTenant, registrationsPerMinute);
    }

    public RegistrationPolicy withOrigins(OriginPolicy policy) {
        return new RegistrationPolicy(names, policy, maxDomainsPerTenant, registrationsPerMinute);
    }

    public RegistrationPolicy withMaxDomainsPerTenant(int max) {
        return new RegistrationPolicy(names, origins, max, registrationsPerMinute);
    }

    public RegistrationPolicy withRegistrationsPerMinute(int perMinute) {
        return new RegistrationPolicy(names, origins, maxDomainsPerTenant, perMinute);
    }
}
