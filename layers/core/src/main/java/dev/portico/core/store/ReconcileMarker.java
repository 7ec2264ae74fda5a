package dev.portico.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A marker in the serving store that says "this store holds everything the archive held when the last
 * reconciliation finished". It lives in the same store as the data, so whatever wipes the data (failover to an empty
 * replica, {@code FLUSHALL}, a new cluster) wipes the marker too: its absence is the cheap sign that the store lost
 * data and must be rebuilt from the archive.
 *
 * <p>Contract: {@link #begin} replaces the marker with an "in progress" one carrying a fresh token; {@link #complete}
 * turns it into a finished one only while that same token is still there, atomically. So a reconciliation that
 * crashed, or a store that was wiped while one ran (the token is gone), or a newer run that began meanwhile (another
 * token), never leaves a finished marker behind for data it did not restore. The marker has no expiry; a store must
 * not evict it (use a {@code noeviction} or {@code volatile-*} policy).
 */
public interface ReconcileMarker {
    /** When the last reconciliation finished; empty when the marker is missing or a run is (or was left) unfinished. */
    Optional<Instant> completedAt() throws StoreException;

    /** Marks a reconciliation as started; returns its token. */
    String begin(Instant now) throws StoreException;

    /** Marks the run with {@code token} finished; false, changing nothing, when the marker no longer holds it. */
    boolean complete(String token, Instant now) throws StoreException;
}
