package dev.portico.edge.acme;

import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.store.RateLimitedLog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads challenge answers from the blocking {@link ChallengeStore} without ever blocking the caller, which is an
 * event loop. At most {@code maxConcurrent} reads run at once: a flood of well-formed tokens gets {@link Busy} at
 * once instead of queueing without end. Every answer arrives within {@code timeout}; a read that runs longer still
 * holds its permit until the store gives up (its own timeouts bound that), so a hung Redis cannot pile up threads.
 */
public final class ChallengeLookup {
    private static final Logger log = LoggerFactory.getLogger(ChallengeLookup.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How a look-up ended. */
    public sealed interface Outcome {
    }

    public record Found(String keyAuthorization) implements Outcome {
    }

    /** No answer for this token and host: unknown, expired, or issued for another name. */
    public record NotFound() implements Outcome {
    }

    /** Too many look-ups already running. */
    public record Busy() implements Outcome {
    }

    /** The store failed or did not answer in time. */
    public record Unavailable(String reason) implements Outcome {
    }

    private static final Unavailable TIMED_OUT = new Unavailable("timeout");

    private final ChallengeStore store;
    private final Executor executor;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration timeout;
    private final RateLimitedLog warnings = new RateLimitedLog(log, WARN_INTERVAL_NANOS);

    /**
     * @param executor runs the blocking reads; the owner shuts it down. Virtual threads suit: the permits bound them.
     */
    public ChallengeLookup(ChallengeStore store, Executor executor, int maxConcurrent, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        this.permits = new Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
    }

    /** Never blocks; the future completes on a store or timer thread, never on the caller's. */
    public CompletableFuture<Outcome> answer(String token, String host) {
        if (!permits.tryAcquire()) {
            warn("challenge look-ups at their limit of {}: answering 503 until some finish", maxConcurrent);
            return CompletableFuture.completedFuture(new Busy());
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    outcome.complete(store.answer(token, host).<Outcome>map(Found::new).orElseGet(NotFound::new));
                } catch (Exception e) {
                    // StoreException as promised by the contract; anything else is a bug, but still an answer.
                    warn("challenge store failed: {}", e.toString());
                    outcome.complete(new Unavailable(e.getClass().getSimpleName()));
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            permits.release();
            return CompletableFuture.completedFuture(new Unavailable("shutting down"));
        }
        return outcome.completeOnTimeout(TIMED_OUT, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    if (result == TIMED_OUT) {
                        warn("challenge store did not answer within {} ms", timeout.toMillis());
                    }
                });
    }

    /** Permits not in use, for tests and metrics. */
    public int availablePermits() {
        return permits.availablePermits();
    }

    /** Once per interval at most: during an outage every request fails the same way, and the access log has each. */
    private void warn(String format, Object arg) {
        warnings.warn(format, arg);
    }
}
