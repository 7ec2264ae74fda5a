package dev.portico.control.issuance;

import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeInvalidException;
import dev.portico.acme.AcmeRateLimitedException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.RenewalFailures;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each kind of failure does to the domain and the request: wait as long as the CA asked, fail with the tenant's
 * advice, back off and give up after the configured tries, or stop for the operator. The record's reason is written
 * for the tenant; the outcome's reason, which is logged, adds the detail an operator needs.
 */
final class IssuanceFailures {
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceFailures.class);

    private final IssuanceRecords records;
    private final OrderLedger orders;
    private final RenewalFailures renewalFailures;
    private final AccountProvider accounts;
    private final IssuanceSettings settings;

    IssuanceFailures(IssuanceRecords records, OrderLedger orders, RenewalFailures renewalFailures,
            AccountProvider accounts, IssuanceSettings settings) {
        this.records = records;
        this.orders = orders;
        this.renewalFailures = renewalFailures;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** Retrying before the CA's time only burns more of the limit; the status stays, as nothing is wrong. */
    Outcome rateLimited(IssuanceRequest request, AcmeRateLimitedException e) {
        Duration delay = e.getRetryAfter().map(at -> Duration.between(records.now(), at))
                .filter(d -> d.toSeconds() >= 1).orElse(settings.retrySchedule().cap());
        return new Outcome.RetryLater(delay, "the CA's rate limit: " + e.getMessage(), request);
    }

    /** The CA will not validate the domain as it stands: only the tenant can change that. */
    Outcome invalid(IssuanceRequest request, AcmeInvalidException e) throws StoreException {
        orders.forget(request.domain());
        if (request.reason() == IssuanceRequest.Reason.RENEWAL) {
            return renewalFailed(request, e.getAdvice());
        }
        records.fail(request.domain(), e.getAdvice());
        return new Outcome.Failed(e.getMessage());
    }

    /** Account, settings or CA policy: retrying cannot help until the operator changes something. */
    Outcome operator(IssuanceRequest request, AcmeException e) throws StoreException {
        accounts.forget();
        orders.forget(request.domain());
        if (request.reason() == IssuanceRequest.Reason.RENEWAL) {
            return renewalFailed(request, "Portico's certificate authority refused to issue for reasons of its own "
                    + "(" + e.getMessage() + "); the operator must fix Portico's ACME settings");
        }
        records.fail(request.domain(), "Portico's certificate authority refused to issue for reasons of its own "
                + "(not about " + request.domain().unicode() + "): the operator must fix Portico's ACME settings; "
                + "issuance starts again when the domain is registered again");
        return new Outcome.Failed("operator action needed: " + e.getMessage());
    }

    /**
     * A renewal failed: the streak grows, the domain shows {@code renewing} with the reason and the next try, and the
     * renewal index brings it back after {@link RenewalBackoff} (about 1 min, 10 min, 100 min, then daily). The
     * queue is not used for these waits: they outgrow its 15-minute delay, and the index survives a lost message.
     */
    Outcome renewalFailed(IssuanceRequest request, String what) throws StoreException {
        DomainName domain = request.domain();
        Instant now = records.now();
        RenewalFailures.Streak streak = renewalFailures.recordFailure(domain, now);
        Instant next = now.plus(RenewalBackoff.delay(streak.failures(), settings.retrySchedule().random()
                .getAsDouble()));
        String reason = "renewal failed " + (streak.failures() == 1 ? "once" : streak.failures() + " times in a row")
                + " (since " + streak.since() + "): " + what + "; Portico tries again at " + next
                + "; the current certificate stays in use until it expires";
        records.renewalFailed(domain, reason, next);
        return new Outcome.Failed(reason);
    }

    /**
     * CA, network or store trouble: back off by attempt, keep any open order to resume, and after the last try fail
     * with what to do. {@code retryAfter} is honoured when the CA named a later time.
     */
    Outcome transientFailure(IssuanceRequest request, String what, Optional<Instant> retryAfter) {
        DomainName domain = request.domain();
        if (request.reason() == IssuanceRequest.Reason.RENEWAL) {
            try {
                return renewalFailed(request, "trouble on Portico's side, not the domain's (" + what + ")");
            } catch (StoreException e) {
                // Not even the failure could be written: the renewal index still holds the in-flight lease, which
                // brings the domain back within the hour.
                return new Outcome.Failed("renewal of " + domain.unicode() + " failed (" + what
                        + ") and the failure could not be recorded: " + e.getMessage());
            }
        }
        if (request.attempt() >= settings.maxAttempts()) {
            String reason = "Portico could not get a certificate for " + domain.unicode() + " after "
                    + request.attempt() + " tries because of trouble on its side (the certificate authority or its "
                    + "own store), not because of the domain; the operator should check the issuance logs, then "
                    + "register the domain again";
            try {
                records.fail(domain, reason);
            } catch (StoreException e) {
                LOG.warn("{}: could not record the failure: {}", domain, e.getMessage());
            }
            return new Outcome.Failed(reason + ". Last error: " + what);
        }
        Duration delay = settings.retrySchedule().delay(request.attempt());
        Optional<Duration> asked = retryAfter.map(at -> Duration.between(records.now(), at));
        if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
            delay = asked.get();
        }
        return new Outcome.RetryLater(delay, what, request.next());
    }
}
