package dev.portico.core.issuance;

import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to obtain (or renew) the certificate of one domain: the body of an issuance-queue message.
 *
 * @param attempt     1 for the first try; retries the service schedules itself count up, so backoff and give-up
 *                    decisions survive the message being re-sent with a delay
 * @param firstAsked  when the first attempt was asked for; bounds how long a domain may stay {@code pending_dns}
 */
public record IssuanceRequest(DomainName domain, Reason reason, int attempt, Instant firstAsked) {
    public enum Reason {
        REGISTERED, RENEWAL, RETRY
    }

    public IssuanceRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstAsked, "firstAsked");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
    }

    public static IssuanceRequest first(DomainName domain, Reason reason, Instant now) {
        return new IssuanceRequest(domain, reason, 1, now);
    }

    /** The same request, tried once more later. */
    public IssuanceRequest next() {
        return new IssuanceRequest(domain, reason == Reason.RENEWAL ? Reason.RENEWAL : Reason.RETRY, attempt + 1,
                firstAsked);
    }
}
