package dev.portico.edge.cache;

import java.util.Objects;

/**
 * What an entry is stored under: the host (a visitor's TLS name, so one tenant's entries can never answer another
 * tenant's host) and the path with its query, as the visitor sent it. The scheme is always https at the edge; request
 * headers named by Vary pick among the variants stored under one key.
 */
public record CacheKey(String host, String target) {
    public CacheKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
    }

    /** The path part, without the query, for prefix purges. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    @Override
    public String toString() {
        return "https://" + host + target;
    }
}
