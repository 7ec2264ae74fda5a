package dev.portico.control.issuance;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before trying again: exponential backoff with jitter, capped per hop.
 *
 * <p>The jitter spreads the upper half of each step ({@code [step/2, step)}) rather than the whole of it: full jitter
 * can draw a delay near zero at any attempt, which is the tight loop a failing CA must never see; half the spread
 * still keeps many domains that failed together from retrying together. Pending-DNS waits grow with how long the
 * domain has been waiting rather than with attempts, so a check that finds no route does not use up the attempts
 * that bound real failures.
 *
 * @param base   the first step (attempt 1 waits between base/2 and base)
 * @param cap    the longest single wait
 * @param random a source of uniform numbers in [0, 1); fixed in tests
 */
public record RetrySchedule(Duration base, Duration cap, DoubleSupplier random) {
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(15);

    public RetrySchedule {
        Objects.requireNonNull(random, "random");
        if (base.toMillis() < 2 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 2 ms <= base <= cap, got base " + base + ", cap " + cap);
        }
    }

    /** 30 s doubling to 15 min, with a thread-safe random source. */
    public static RetrySchedule standard() {
        return new RetrySchedule(DEFAULT_BASE, DEFAULT_CAP, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delay(int attempt) {
        return delay(base, cap, attempt, random.getAsDouble());
    }

    /** The wait before checking routing again for a domain pending since {@code pendingFor}. */
    public Duration pendingDelay(Duration pendingFor) {
        return pendingDelay(base, cap, pendingFor, random.getAsDouble());
    }

    /** Pure: {@code step = min(cap, base * 2^(attempt-1))}, wait in {@code [step/2, step)} by {@code random}. */
    static Duration delay(Duration base, Duration cap, int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
        long step = cap.toMillis();
        int doublings = attempt - 1;
        if (doublings < 62 && base.toMillis() <= cap.toMillis() >> Math.min(doublings, 62)) {
            step = base.toMillis() << doublings;
        }
        return spread(step, random);
    }

    /** Pure: a quarter of the time pending so far, between base and cap, spread like {@link #delay}. */
    static Duration pendingDelay(Duration base, Duration cap, Duration pendingFor, double random) {
        long quarter = Math.max(0, pendingFor.toMillis()) / 4;
        return spread(Math.min(cap.toMillis(), Math.max(base.toMillis(), quarter)), random);
    }

    private static Duration spread(long stepMillis, double random) {
        double r = Math.min(Math.max(random, 0.0), Math.nextDown(1.0));
        long half = stepMillis / 2;
        return Duration.ofMillis(half + (long) (r * (stepMillis - half)));
    }
}
