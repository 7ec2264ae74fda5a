package dev.portico.control.issuance;

import java.time.Duration;
import java.util.List;

/**
 * How long a failing renewal waits before its next try: about 1 minute, 10 minutes, 100 minutes, then daily. The
 * first tries are quick because most failures are a CA or network blip; later ones are daily because a renewal
 * starts with a third of the lifetime left (weeks), so there are many days to try and nothing to gain by hammering
 * a CA that is down. Each wait is spread by plus or minus 10%, so domains that failed together (a CA outage) do not
 * come back together.
 */
public final class RenewalBackoff {
    static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofMinutes(100), Duration.ofDays(1));

    private RenewalBackoff() {
    }

    /**
     * The wait after the {@code failures}-th failure in a row (1 for the first), {@code random} in [0, 1) picking
     * the point of the +/-10% spread.
     */
    public static Duration delay(int failures, double random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1, got " + failures);
        }
        Duration step = STEPS.get(Math.min(failures, STEPS.size()) - 1);
        double r = Math.min(Math.max(random, 0.0), Math.nextDown(1.0));
        return Duration.ofMillis((long) (step.toMillis() * (0.9 + 0.2 * r)));
    }
}
