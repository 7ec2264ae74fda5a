package dev.portico.core.event;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the control plane tells every edge proxy, over the {@code edge-events} topic. Delivery is at least once and
 * unordered, so each event is idempotent to apply and carries an id for de-duplication and tracing.
 */
public sealed interface EdgeEvent permits EdgeEvent.CertificateUpdated, EdgeEvent.DomainRemoved, EdgeEvent.Purge {
    /** Unique per event; the same event delivered twice has the same id. */
    String id();

    DomainName domain();

    Instant at();

    /** A new certificate for {@code domain} is in the store: drop the cached one and load it again. */
    record CertificateUpdated(String id, DomainName domain, String serial, Instant at) implements EdgeEvent {
        public CertificateUpdated {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code domain} was removed: stop serving it and drop what is cached for it. */
    record DomainRemoved(String id, DomainName domain, Instant at) implements EdgeEvent {
        public DomainRemoved {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What a purge removes from edge caches, always within one domain of one tenant. */
    enum PurgeScope {
        /** Everything cached for the domain; {@code value} is empty. */
        HOST,
        /** One URL (every variant); {@code value} is the path with its query, e.g. {@code /a?b=1}. */
        URL,
        /** Every URL whose path starts with {@code value}, e.g. {@code /assets/}. */
        PREFIX,
        /** Every entry the origin tagged {@code value} (Surrogate-Key or Cache-Tag), of this tenant's domains. */
        TAG
    }

    /**
     * Drop cached responses of {@code domain} (owned by {@code tenant}) as {@code scope} says. Applying it twice
     * removes nothing more.
     */
    record Purge(String id, DomainName domain, TenantId tenant, PurgeScope scope, String value, Instant at)
            implements EdgeEvent {
        public Purge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(at, "at");
            if (scope != PurgeScope.HOST && value.isEmpty()) {
                throw new IllegalArgumentException("a " + scope + " purge needs a value");
            }
        }
    }
}
