package dev.portico.functions.purge;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.StoreException;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Purges edge caches on behalf of a tenant: checks the request ({@link PurgeRequest}), checks that the tenant owns
 * the domain, and publishes one {@link EdgeEvent.Purge} that every edge proxy applies to its own cache. Nothing is
 * published for a refused request. AWS-free: the store and the publisher are the core's interfaces.
 *
 * <pre>{@code
 * PurgeResult r = service.purge("acme", "shop.example.com", "url", "/products/42?color=red");
 * // r.event().id(): the id every proxy de-duplicates and logs the purge by
 * }</pre>
 *
 * A purge is at least once and idempotent: publishing the same request again (after a timeout, say) makes a new
 * event that removes at most what was cached since the first.
 */
public final class PurgeService {
    private final DomainStore domains;
    private final EdgeEventPublisher events;
    private final Clock clock;
    private final DomainNamePolicy names;

    /** With the policy the Domains API registers names under (local runs accept {@code .test}, for example). */
    public PurgeService(DomainStore domains, EdgeEventPublisher events, Clock clock, DomainNamePolicy names) {
        this.domains = Objects.requireNonNull(domains, "domains");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** With the strict name policy: public names only. */
    public PurgeService(DomainStore domains, EdgeEventPublisher events, Clock clock) {
        this(domains, events, clock, DomainNamePolicy.strict());
    }

    /**
     * Checks the raw input, then purges as {@link #purge(PurgeRequest)}.
     *
     * @param value null or empty for a host purge
     * @throws InvalidInputException  a field is refused (code and field say which rule); nothing was read
     */
    public PurgeResult purge(String tenant, String domain, String scope, String value)
            throws InvalidInputException, PurgeRefusedException, StoreException, EventPublishException {
        return purge(PurgeRequest.parse(names, domain, tenant, scope, value));
    }

    /**
     * Publishes the purge once the tenant is known to own the domain.
     *
     * @throws PurgeRefusedException the domain is not registered, or another tenant owns it; nothing was published
     * @throws StoreException        the store could not be read; nothing was published, retrying is safe
     * @throws EventPublishException the event was not accepted by the transport; retrying is safe
     */
    public PurgeResult purge(PurgeRequest request)
            throws PurgeRefusedException, StoreException, EventPublishException {
        DomainRecord record = domains.find(request.domain())
                .orElseThrow(() -> PurgeRefusedException.notFound(request.domain()));
        if (!record.tenant().equals(request.tenant())) {
            throw PurgeRefusedException.notOwner(request.domain(), request.tenant());
        }
        EdgeEvent.Purge event = new EdgeEvent.Purge(UUID.randomUUID().toString(), request.domain(),
                request.tenant(), request.scope(), request.value(), clock.instant());
        String messageId = events.publish(event);
        return new PurgeResult(event, messageId);
    }
}
