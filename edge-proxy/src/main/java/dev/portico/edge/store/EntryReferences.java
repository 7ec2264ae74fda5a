package dev.portico.edge.store;

import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.portico.edge.store.Lookup.Found;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;

/**
 * The ownership rule of a {@link StoreCache} whose values are {@link io.netty.util.ReferenceCounted} (a certificate
 * with its native key material): every {@link Found} handed to the cache owns one reference to its value and gives it
 * up exactly once, when the cache lets go of it (evicted, invalidated, replaced, or a re-read's result discarded).
 * Caffeine notifies once per distinct instance it dropped, so no {@link Found} is ever handed to it twice. Values that
 * are not reference counted pass through untouched.
 */
final class EntryReferences {
    private EntryReferences() {
    }

    /** Caffeine's removal listener; runs after the removal, on its executor, never on an event loop. */
    static <V> void removed(String name, Lookup<V> lookup, RemovalCause cause) {
        release(lookup);
    }

    /** A result no entry took (its read timed out): nobody else would ever release it. */
    static <V> void release(Lookup<V> lookup) {
        if (lookup instanceof Found<V> found) {
            ReferenceCountUtil.release(found.value());
        }
    }

    /**
     * The value a failed re-read keeps, as a new {@link Found} with a reference of its own: the cache may still drop
     * either the old or the new one, and each must then be released once.
     */
    static <V> Lookup<V> keep(Found<V> old, Lookup<V> failed) {
        try {
            return new Found<>(ReferenceCountUtil.retain(old.value()));
        } catch (IllegalReferenceCountException alreadyRemoved) {
            // Invalidated while the re-read ran: the cache discards whatever this returns.
            return failed;
        }
    }
}
