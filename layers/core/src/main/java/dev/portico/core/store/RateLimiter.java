package dev.portico.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sliding-window limits shared by every function instance: registrations per tenant per minute, new ACME orders
 * per account per three hours.
 *
 * <p>Contract: within any window of length {@code window}, at most {@code limit} acquisitions of one bucket succeed,
 * across all callers; a refused acquisition changes nothing and says how long until one would succeed. Bucket
 * names are {@code [a-z0-9._:-]}, at most 200 characters.
 */
public interface RateLimiter {
    /** Empty when acquired; otherwise the wait until the oldest acquisition in the window ages out. */
    Optional<Duration> tryAcquire(String bucket, int limit, Duration window, Instant now) throws StoreException;
}
