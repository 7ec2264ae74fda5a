package dev.portico.edge.route;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.StoreException;
import dev.portico.edge.store.StoreSource;
import dev.portico.edge.store.UnusableValueException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Routes from the domain records (blocking: for {@link dev.portico.edge.store.StoreCache}). */
public final class RouteSource implements StoreSource<Route> {
    private final DomainStore domains;

    public RouteSource(DomainStore domains) {
        this.domains = Objects.requireNonNull(domains, "domains");
    }

    @Override
    public Optional<Route> load(DomainName name) throws StoreException, UnusableValueException {
        Optional<DomainRecord> found = domains.find(name);
        if (found.isEmpty() || found.get().status() == DomainStatus.REMOVED) {
            return Optional.empty();
        }
        DomainRecord record = found.get();
        URI origin;
        try {
            origin = URI.create(record.origin().toString());
        } catch (IllegalArgumentException e) {
            throw new UnusableValueException("origin of " + name + " is not a URL; register the domain again", e);
        }
        return Optional.of(new Route(name.ascii(), record.tenant().value(), origin,
                record.certificate().isPresent()));
    }
}
