package dev.portico.control.issuance;

import dev.portico.core.domain.DomainRecord;
import dev.portico.core.issuance.IssuanceRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of one issuance request. The queue consumer acts on it: {@link RetryLater} goes back on the queue with
 * its delay; everything else consumes the message.
 */
public sealed interface Outcome permits Outcome.Issued, Outcome.Skipped, Outcome.RetryLater, Outcome.Failed {
    /** A certificate was stored and announced; {@code record} is the domain as it now stands. */
    record Issued(DomainRecord record) implements Outcome {
        public Issued {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Nothing needed doing (not registered, removed, certificate not due, handled since asked). */
    record Skipped(String why) implements Outcome {
        public Skipped {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * Try again after {@code delay}, with {@code next}: the same request when the wait is bounded by something else
     * (another holder's lease, the order budget, the CA's Retry-After, the pending-DNS deadline), or the request with
     * its attempt counted up when a try failed, so the give-up bound sees it.
     */
    record RetryLater(Duration delay, String why, IssuanceRequest next) implements Outcome {
        public RetryLater {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(next, "next");
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("a retry needs a positive delay (never a tight loop), got " + delay);
            }
        }
    }

    /** Issuance stopped; {@code reason} says what happened and what to do, and is what the tenant or operator sees. */
    record Failed(String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
