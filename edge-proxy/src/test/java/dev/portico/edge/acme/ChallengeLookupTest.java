package dev.portico.edge.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.edge.CountingChallengeStore;
import dev.portico.edge.acme.ChallengeLookup.Busy;
import dev.portico.edge.acme.ChallengeLookup.Found;
import dev.portico.edge.acme.ChallengeLookup.NotFound;
import dev.portico.edge.acme.ChallengeLookup.Outcome;
import dev.portico.edge.acme.ChallengeLookup.Unavailable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChallengeLookupTest {
    private static final String TOKEN = "t".repeat(32);

    private static ChallengeStore answering(String keyAuthorization) {
        return new ChallengeStore() {
            @Override
            public void put(Http01Challenge challenge, Duration ttl) {
            }

            @Override
            public Optional<String> answer(String token, String host) {
                return Optional.ofNullable(keyAuthorization);
            }

            @Override
            public void remove(String token) {
            }
        };
    }

    @Test
    void foundAndNotFound() throws Exception {
        assertThat(new ChallengeLookup(answering("ka"), Runnable::run, 1, Duration.ofSeconds(1))
                .answer(TOKEN, "h").get(1, TimeUnit.SECONDS)).isEqualTo(new Found("ka"));
        assertThat(new ChallengeLookup(answering(null), Runnable::run, 1, Duration.ofSeconds(1))
                .answer(TOKEN, "h").get(1, TimeUnit.SECONDS)).isEqualTo(new NotFound());
    }

    @Test
    void beyondTheBoundAnswersBusyAtOnceWithoutQueueing() throws Exception {
        Queue<Runnable> parked = new ArrayDeque<>();
        CountingChallengeStore store = new CountingChallengeStore(answering("ka"));
        ChallengeLookup lookup = new ChallengeLookup(store, parked::add, 2, Duration.ofSeconds(30));
        CompletableFuture<Outcome> first = lookup.answer(TOKEN, "h");
        CompletableFuture<Outcome> second = lookup.answer(TOKEN, "h");
        CompletableFuture<Outcome> third = lookup.answer(TOKEN, "h");

        assertThat(third).isCompletedWithValue(new Busy());
        assertThat(parked).as("nothing queued beyond the bound").hasSize(2);
        assertThat(lookup.availablePermits()).isZero();

        parked.forEach(Runnable::run);
        assertThat(first).isCompletedWithValue(new Found("ka"));
        assertThat(second).isCompletedWithValue(new Found("ka"));
        assertThat(store.readCount()).isEqualTo(2);
        assertThat(lookup.availablePermits()).isEqualTo(2);
    }

    @Test
    void aSlowStoreGivesUnavailableWithinTheTimeoutButKeepsItsPermitUntilItReturns() throws Exception {
        Queue<Runnable> parked = new ArrayDeque<>();
        ChallengeLookup lookup = new ChallengeLookup(answering("ka"), parked::add, 1, Duration.ofMillis(50));
        long start = System.nanoTime();
        Outcome outcome = lookup.answer(TOKEN, "h").get(5, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new Unavailable("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(lookup.availablePermits()).as("the read still runs and holds its permit").isZero();
        assertThat(lookup.answer(TOKEN, "h")).isCompletedWithValue(new Busy());

        parked.poll().run();
        assertThat(lookup.availablePermits()).isEqualTo(1);
    }

    @Test
    void storeErrorsBecomeUnavailable() throws Exception {
        ChallengeStore failing = new ChallengeStore() {
            @Override
            public void put(Http01Challenge challenge, Duration ttl) {
            }

            @Override
            public Optional<String> answer(String token, String host) throws StoreException {
                throw new StoreException("boom");
            }

            @Override
            public void remove(String token) {
            }
        };
        ChallengeLookup lookup = new ChallengeLookup(failing, Runnable::run, 1, Duration.ofSeconds(1));
        assertThat(lookup.answer(TOKEN, "h").get(1, TimeUnit.SECONDS)).isInstanceOf(Unavailable.class);
        assertThat(lookup.availablePermits()).isEqualTo(1);
    }

    @Test
    void aShutDownExecutorGivesUnavailableAndReturnsThePermit() {
        ChallengeLookup lookup = new ChallengeLookup(answering("ka"), task -> {
            throw new RejectedExecutionException("shut down");
        }, 1, Duration.ofSeconds(1));
        assertThat(lookup.answer(TOKEN, "h")).isCompletedWithValue(new Unavailable("shutting down"));
        assertThat(lookup.availablePermits()).isEqualTo(1);
    }

    @Test
    void boundsMustBeSensible() {
        assertThatThrownBy(() -> new ChallengeLookup(answering("ka"), Runnable::run, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChallengeLookup(answering("ka"), Runnable::run, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
