package dev.portico.acme;

import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps any {@link ChallengeStore} (map-based here, Redis once it is in) and records what the order put and removed,
 * so a test can check that no answer outlives its order.
 */
final class RecordingChallengeStore implements ChallengeStore {
    private final ChallengeStore store;
    private final List<Http01Challenge> puts = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();

    RecordingChallengeStore(ChallengeStore store) {
        this.store = store;
    }

    @Override
    public void put(Http01Challenge challenge, Duration ttl) throws StoreException {
        store.put(challenge, ttl);
        puts.add(challenge);
    }

    @Override
    public Optional<String> answer(String token, String host) throws StoreException {
        return store.answer(token, host);
    }

    @Override
    public void remove(String token) throws StoreException {
        store.remove(token);
        removed.add(token);
    }

    /** The challenges put for {@code domain}, in order. */
    List<Http01Challenge> putsFor(dev.portico.core.domain.DomainName domain) {
        return puts.stream().filter(c -> c.domain().equals(domain)).toList();
    }

    /** Whether every answer put for {@code domain} was removed and no longer answers. */
    boolean allRemoved(dev.portico.core.domain.DomainName domain) throws StoreException {
        for (Http01Challenge challenge : putsFor(domain)) {
            if (!removed.contains(challenge.token())
                    || store.answer(challenge.token(), domain.ascii()).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
