package dev.portico.core.store;

import dev.portico.core.crypto.SealedKey;
import java.util.Optional;

/**
 * The ACME account key of each CA directory, sealed. The key pair is the account (RFC 8555 section 7.3.1): keeping
 * it is all it takes to use the same account again, from any function instance.
 *
 * <p>Contract: one key per directory URL; the first {@link #createIfAbsent} wins and later ones change nothing, so
 * instances that race on a cold start all end up with the winner's key (read it back with {@link #find}). Keys are
 * only ever stored sealed.
 */
public interface AccountKeyStore {
    Optional<SealedKey> find(String directory) throws StoreException;

    /** Stores the key unless the directory has one already; returns false, changing nothing, when it has. */
    boolean createIfAbsent(String directory, SealedKey key) throws StoreException;
}
