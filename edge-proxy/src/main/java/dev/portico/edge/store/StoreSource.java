package dev.portico.edge.store;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import java.util.Optional;

/** A blocking read of one name's value; only ever called off the event loop by {@link StoreCache}. */
@FunctionalInterface
public interface StoreSource<V> {
    /**
     * @return empty when the store has nothing for the name
     * @throws StoreException        the store cannot be read: the cache keeps what it has
     * @throws UnusableValueException what is stored cannot be used: treated as absent, and logged with what to do
     */
    Optional<V> load(DomainName name) throws StoreException, UnusableValueException;
}
