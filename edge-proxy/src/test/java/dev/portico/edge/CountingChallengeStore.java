package dev.portico.edge;

import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes everything to the real store and records every read, so tests can prove junk never reached it. */
public final class CountingChallengeStore implements ChallengeStore {
    /** One {@link #answer} call as the server made it. */
    public record Read(String token, String host) {
    }

    private final ChallengeStore delegate;
    private final List<Read> reads = new CopyOnWriteArrayList<>();

    public CountingChallengeStore(ChallengeStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(Http01Challenge challenge, Duration ttl) throws StoreException {
        delegate.put(challenge, ttl);
    }

    @Override
    public Optional<String> answer(String token, String host) throws StoreException {
        reads.add(new Read(token, host));
        return delegate.answer(token, host);
    }

    @Override
    public void remove(String token) throws StoreException {
        delegate.remove(token);
    }

    public int readCount() {
        return reads.size();
    }

    public List<Read> reads() {
        return List.copyOf(reads);
    }
}
