package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import dev.portico.testkit.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;

class PollerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DEADLINE = T0.plusSeconds(30);

    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of("first poll at once", 0, null, T0, Duration.ZERO),
                Arguments.of("then 200 ms", 1, null, T0, Duration.ofMillis(200)),
                Arguments.of("doubling", 3, null, T0, Duration.ofMillis(800)),
                Arguments.of("capped at 3 s", 9, null, T0, Duration.ofSeconds(3)),
                Arguments.of("huge attempt does not overflow", 500, null, T0, Duration.ofSeconds(3)),
                Arguments.of("Retry-After later than backoff wins", 1, T0.plusSeconds(10), T0, Duration.ofSeconds(10)),
                Arguments.of("Retry-After in the past: backoff", 2, T0.minusSeconds(5), T0, Duration.ofMillis(400)),
                Arguments.of("Retry-After past the deadline ends the wait", 1, DEADLINE.plusMillis(1), T0, null),
                Arguments.of("backoff past the deadline: last poll at it", 5, null, DEADLINE.minusMillis(100),
                        Duration.ofMillis(100)),
                Arguments.of("at the deadline: over", 1, null, DEADLINE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delays")
    void nextDelay(String why, int attempt, Instant retryAfter, Instant now, Duration expected) {
        assertThat(Poller.nextDelay(attempt, Optional.ofNullable(retryAfter), now, DEADLINE))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void pollsUntilFinalAndSleepsTheBackoff() throws Exception {
        MutableClock time = new MutableClock(T0);
        Resource resource = new Resource(Status.PENDING, Status.PENDING, Status.PENDING, Status.VALID);
        Poller poller = new Poller(time, time::sleep, Duration.ofSeconds(30));

        assertThat(poller.await(resource, Set.of(Status.VALID, Status.INVALID))).isEmpty();
        assertThat(time.slept()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aFinalStatusNeedsNoRequest() throws Exception {
        MutableClock time = new MutableClock(T0);
        Resource resource = new Resource(Status.VALID);
        assertThat(new Poller(time, time::sleep, Duration.ofSeconds(1)).await(resource, Set.of(Status.VALID)))
                .isEmpty();
        assertThat(resource.fetches).isZero();
    }

    @Test
    void givesUpAtTheBoundReportingTheCasRetryAfter() throws Exception {
        MutableClock time = new MutableClock(T0);
        Resource resource = new Resource(Status.PENDING, Status.PENDING);
        resource.retryAfter = Optional.of(T0.plusSeconds(60));
        Poller poller = new Poller(time, time::sleep, Duration.ofSeconds(30));

        Optional<Poller.Expired> expired = poller.await(resource, Set.of(Status.VALID));
        assertThat(expired).map(Poller.Expired::retryAfter).contains(Optional.of(T0.plusSeconds(60)));
        assertThat(resource.fetches).isEqualTo(1);
    }

    /** A resource whose status moves through the given sequence, one step per fetch. */
    private static final class Resource implements PollableResource {
        final Deque<Status> statuses;
        Optional<Instant> retryAfter = Optional.empty();
        int fetches;

        Resource(Status... sequence) {
            statuses = new ArrayDeque<>(List.of(sequence));
        }

        @Override
        public Status getStatus() {
            return statuses.peekFirst();
        }

        @Override
        public Optional<Instant> fetch() {
            fetches++;
            if (statuses.size() > 1) {
                statuses.removeFirst();
            }
            return retryAfter;
        }
    }
}
