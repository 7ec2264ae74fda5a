package dev.portico.core.event;

import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.Objects;

/**
 * What the control plane tells every edge proxy, over the {@code edge-events} topic. Delivery is at least once and
 * unordered, so each event is idempotent to apply and carries an id for de-duplication and tracing.
 */
public sealed interface EdgeEvent permits EdgeEvent.CertificateUpdated, EdgeEvent.DomainRemoved {
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
}
