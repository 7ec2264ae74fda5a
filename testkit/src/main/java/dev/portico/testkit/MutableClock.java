package dev.portico.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that tests move by hand, for code that takes an injected {@link Clock}. {@link #sleep(Duration)} is a
 * drop-in sleeper that records each wait and advances time instead of blocking. Thread-safe.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final List<Duration> slept = new ArrayList<>();

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized void sleep(Duration duration) {
        slept.add(duration);
        now = now.plus(duration);
    }

    /** Every duration passed to {@link #sleep(Duration)}, in order. */
    public synchronized List<Duration> slept() {
        return List.copyOf(slept);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
