package dev.portico.core.store;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP-01 challenge answers, shared by every edge proxy so whichever one the CA reaches can answer.
 *
 * <p>Contract: an answer expires by itself after its time to live; {@link #answer} returns the key authorization only
 * when the host asked for is the domain the token was issued for, so one tenant's token never validates another
 * name.
 */
public interface ChallengeStore {
    void put(Http01Challenge challenge, Duration ttl) throws StoreException;

    /** The key authorization for {@code token}, when it exists, has not expired and belongs to {@code host}. */
    Optional<String> answer(String token, String host) throws StoreException;

    void remove(String token) throws StoreException;
}
