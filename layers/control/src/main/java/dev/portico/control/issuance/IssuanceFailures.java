package dev.portico.control.issuance;

import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeInvalidException;
import dev.portico.acme.AcmeRateLimitedException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.OrderLedger;
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
    private final AccountProvider accounts;
    private final IssuanceSettings settings;

    IssuanceFailures(IssuanceRecords records, OrderLedger orders, AccountProvider accounts,
            IssuanceSettings settings) {
        this.records = records;
        this.orders = orders;
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
        records.fail(request.domain(), e.getAdvice());
        return new Outcome.Failed(e.getMessage());
    }

    /** Account, settings or CA policy: retrying cannot help until the operator changes something. */
    Outcome operator(IssuanceRequest request, AcmeException e) throws StoreException {
        accounts.forget();
        orders.forget(request.domain());
        records.fail(request.domain(), "Portico's certificate authority refused to issue for reasons of its own "
                + "(not about " + request.domain().unicode() + "): the operator must fix Portico's ACME settings; "
                + "issuance starts again when the domain is registered again");
        return new Outcome.Failed("operator action needed: " + e.getMessage());
    }

    /**
     * CA, network or store trouble: back off by attempt, keep any open order to resume, and after the last try fail
     * with what to do. {@code retryAfter} is honoured when the CA named a later time.
     */
    Outcome transientFailure(IssuanceRequest request, String what, Optional<Instant> retryAfter) {
        DomainName domain = request.domain();
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
