package dev.portico.core.store;

import dev.portico.core.domain.DomainName;
import java.time.Duration;
import java.util.Optional;

/**
 * One issuance per domain at a time, across every function instance.
 *
 * <p>Contract: at most one holder per domain at any instant; a lock expires by itself after its lease so a crashed
 * holder cannot block a domain for ever; only the holder (identified by the lock's owner token) can extend or
 * release it, so a holder whose lease ran out cannot release the next holder's lock. Callers check, lock, and check
 * again before expensive work.
 */
public interface IssuanceLocks {
    /** Takes the lock, or returns empty at once when someone else holds it. */
    Optional<Lock> tryAcquire(DomainName domain, Duration lease) throws StoreException;

    /** A held lock. */
    interface Lock {
        DomainName domain();

        /** The random owner token; unique per acquisition. */
        String owner();

        /** Extends the lease; false when the lock was lost (expired and perhaps taken by another owner). */
        boolean extend(Duration lease) throws StoreException;

        /** Releases the lock if this owner still holds it; false when it had been lost already. */
        boolean release() throws StoreException;
    }
}
