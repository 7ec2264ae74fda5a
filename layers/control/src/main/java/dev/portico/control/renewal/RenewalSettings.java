package dev.portico.control.renewal;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one scheduled run does, and how it spreads it.
 *
 * @param renewalsPerRun     due renewals taken per run at most; the next run takes the rest, so a backlog (a CA
 *                           outage, a flood of registrations from one day) drains at a steady rate instead of a storm
 * @param infoChecksPerRun   renewal-information checks per run at most
 * @param spread             each renewal is enqueued with a random delay below this (at most the queue's 15 min)
 * @param inFlight           how far a taken renewal's index entry moves, so the next run does not take it again;
 *                           the issuance sets the real next time when it ends, and a lost message is retried then
 */
public record RenewalSettings(int renewalsPerRun, int infoChecksPerRun, Duration spread, Duration inFlight) {
    public RenewalSettings {
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(inFlight, "inFlight");
        if (renewalsPerRun < 1 || infoChecksPerRun < 1) {
            throw new IllegalArgumentException("per-run limits must be at least 1, got " + renewalsPerRun + " and "
                    + infoChecksPerRun);
        }
        if (spread.isNegative() || spread.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("spread must be between 0 and 15 min (SQS's longest delay), got "
                    + spread);
        }
        if (inFlight.compareTo(spread) <= 0) {
            throw new IllegalArgumentException("in-flight lease " + inFlight + " must outlast the spread " + spread);
        }
    }

    /** 500 renewals and 1,000 checks per run, spread over 5 min, an hour's lease. */
    public static RenewalSettings defaults() {
        return new RenewalSettings(500, 1000, Duration.ofMinutes(5), Duration.ofHours(1));
    }

    public RenewalSettings withSpread(Duration value) {
        return new RenewalSettings(renewalsPerRun, infoChecksPerRun, value, inFlight);
    }

    public RenewalSettings withRenewalsPerRun(int value) {
        return new RenewalSettings(value, infoChecksPerRun, spread, inFlight);
    }
}
