package dev.portico.control;

import dev.portico.core.domain.TenantId;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.RateLimiter;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The two limits on what one tenant may register: a cap on domains held and a rate of new registrations. Shared
 * by every function instance because both are counted in the store.
 */
final class RegistrationQuotas {
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final DomainStore domains;
    private final RateLimiter rateLimiter;
    private final RegistrationPolicy policy;

    RegistrationQuotas(DomainStore domains, RateLimiter rateLimiter, RegistrationPolicy policy) {
        this.domains = domains;
        this.rateLimiter = rateLimiter;
        this.policy = policy;
    }

    /**
     * Admits one new registration or says which quota stops it. The cap is checked first and only reads, so a
     * tenant at its cap does not also use up its rate. Count and create are not atomic: concurrent registrations
     * can overshoot the cap by the few that race, which is acceptable for a business limit; the rate bounds how
     * many can race.
     */
    void admit(TenantId tenant, Instant now) throws QuotaExceededException, StoreException {
        if (domains.countByTenant(tenant) >= policy.maxDomainsPerTenant()) {
            throw QuotaExceededException.domainCap(tenant, policy.maxDomainsPerTenant());
        }
        Optional<Duration> wait = rateLimiter.tryAcquire(bucket(tenant), policy.registrationsPerMinute(),
                RATE_WINDOW, now);
        if (wait.isPresent()) {
            throw QuotaExceededException.rate(tenant, policy.registrationsPerMinute(), wait.get());
        }
    }

    /** Tenant ids are case-sensitive, bucket names are not: tenants differing only in case share one rate. */
    static String bucket(TenantId tenant) {
        return "register:tenant:" + tenant.value().toLowerCase(Locale.ROOT);
    }
}
