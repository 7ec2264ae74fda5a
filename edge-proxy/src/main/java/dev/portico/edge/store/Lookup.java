package dev.portico.edge.store;

import java.util.Objects;

/** What a {@link StoreCache} knows of one name. */
public sealed interface Lookup<V> {
    /** The store has a value for the name. */
    record Found<V>(V value) implements Lookup<V> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The store has nothing for the name (or nothing usable); believed for the negative TTL. */
    record Unknown<V>() implements Lookup<V> {
    }

    /** The store could not be asked (down, too slow, too many reads running); believed very briefly. */
    record Unavailable<V>(String reason) implements Lookup<V> {
    }
}
