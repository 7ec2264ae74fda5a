package dev.portico.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing; {@code next} is an opaque cursor for the following page, absent on the last. */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
