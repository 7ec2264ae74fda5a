package dev.portico.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;

/**
 * Waits for an authorization or order to reach a final status. Unlike acme4j's own wait (a fixed 3 s between polls
 * when the CA sends no Retry-After) it starts fast and backs off, which makes a quick CA's order seconds faster, and it
 * honours a CA's Retry-After up to the bound instead of polling early.
 */
final class Poller {
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    static final Duration MAX_DELAY = Duration.ofSeconds(3);

    /** The wait ended without a final status; {@code retryAfter} is when the CA asked to be polled next, if it did. */
    record Expired(Duration waited, Optional<Instant> retryAfter) {
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration bound;

    Poller(Clock clock, Sleeper sleeper, Duration bound) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.bound = bound;
    }

    static Poller system(Duration bound) {
        return new Poller(Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), bound);
    }

    /**
     * Polls until the status is one of {@code done}; returns empty then, or what happened when the bound ran out.
     * The resource's status as already loaded counts, so a resource that is final needs no request.
     */
    Optional<Expired> await(PollableResource resource, Set<Status> done)
            throws org.shredzone.acme4j.exception.AcmeException, InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(bound);
        Optional<Instant> retryAfter = Optional.empty();
        for (int attempt = 0; !done.contains(resource.getStatus()); attempt++) {
            Instant now = clock.instant();
            Optional<Duration> delay = nextDelay(attempt, retryAfter, now, deadline);
            if (delay.isEmpty()) {
                return Optional.of(new Expired(Duration.between(start, now), retryAfter));
            }
            if (!delay.get().isZero()) {
                sleeper.sleep(delay.get());
            }
            retryAfter = resource.fetch();
        }
        return Optional.empty();
    }

    /**
     * How long to wait before poll number {@code attempt} (0 = the first, sent at once), or empty when the wait should
     * end. A later Retry-After from the CA wins over the backoff; one past the deadline ends the wait rather than being
     * cut short, since polling early only earns another Retry-After. A Retry-After in the past never makes polling
     * faster than the backoff.
     */
    static Optional<Duration> nextDelay(int attempt, Optional<Instant> retryAfter, Instant now, Instant deadline) {
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration delay = attempt == 0 ? Duration.ZERO
                : Duration.ofMillis(Math.min(FIRST_DELAY.toMillis() << Math.min(attempt - 1, 10),
                        MAX_DELAY.toMillis()));
        if (retryAfter.isPresent()) {
            if (retryAfter.get().isAfter(deadline)) {
                return Optional.empty();
            }
            Duration asked = Duration.between(now, retryAfter.get());
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        // A backoff step past the deadline becomes one last poll right at it, which may still see the result.
        return Optional.of(now.plus(delay).isAfter(deadline) ? Duration.between(now, deadline) : delay);
    }
}
