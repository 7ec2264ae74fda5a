package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP-01 part of an order: publishing each authorization's answer, triggering it, judging the outcome. */
final class Http01Validation {
    private static final Logger LOG = LoggerFactory.getLogger(Http01Validation.class);

    private final AcmeFailures failures;
    private final ChallengeStore store;
    private final Duration ttl;
    private final Optional<DomainName> context;

    Http01Validation(AcmeFailures failures, ChallengeStore store, Duration ttl, Optional<DomainName> context) {
        this.failures = failures;
        this.store = store;
        this.ttl = ttl;
        this.context = context;
    }

    /**
     * Publishes the answer of every authorization that still needs validating, then asks the CA to validate; the
     * answer is in the store before the trigger, as the CA may fetch it at once. Authorizations the CA already holds
     * as valid (reused from an earlier order) need nothing. Adds each published token to {@code published} as soon
     * as it is stored, so the caller removes it even when a later step fails.
     *
     * @return the authorizations to wait for
     */
    List<Authorization> publishAndTrigger(List<Authorization> authorizations, List<String> published)
            throws AcmeException, StoreException {
        List<Authorization> pending = new ArrayList<>();
        for (Authorization authorization : authorizations) {
            Status status = failures.call(context, "reading the authorization", authorization::getStatus);
            if (status == Status.VALID) {
                continue;
            }
            if (status != Status.PENDING) {
                pending.add(authorization);
                continue;
            }
            DomainName name = nameOf(authorization);
            org.shredzone.acme4j.challenge.Http01Challenge challenge = authorization
                    .findChallenge(org.shredzone.acme4j.challenge.Http01Challenge.class)
                    .orElseThrow(() -> new AcmeRejectedException("the CA offers no http-01 challenge for " + name
                            + " (only " + authorization.getChallenges().stream().map(Challenge::getType).toList()
                            + "); Portico validates over HTTP-01 only", null, null));
            store.put(new Http01Challenge(challenge.getToken(), name, challenge.getAuthorization()), ttl);
            published.add(challenge.getToken());
            if (challenge.getStatus() == Status.PENDING) {
                failures.call(context, "triggering the challenge for " + name, () -> {
                    challenge.trigger();
                    return null;
                });
            }
            pending.add(authorization);
        }
        return pending;
    }

    /** Passes for a valid authorization; otherwise throws with the CA's reason, mapped for the tenant. */
    void requireValid(Authorization authorization) throws AcmeException {
        Status status = authorization.getStatus();
        if (status == Status.VALID) {
            return;
        }
        DomainName name = nameOf(authorization);
        if (status != Status.INVALID) {
            throw new AcmeException("the CA reports the authorization for " + name + " as " + status
                    + "; a new order is needed");
        }
        AcmeProblem problem = authorization.findChallenge(org.shredzone.acme4j.challenge.Http01Challenge.class)
                .flatMap(Challenge::getError)
                .map(AcmeProblem::from)
                .orElse(AcmeProblem.of("unauthorized", "the CA marked the authorization invalid without saying why"));
        throw failures.fromProblem(Optional.of(name), "validating " + name, problem, true, null);
    }

    /** Best effort: an answer that stays behind expires with its TTL and only ever validates its own domain. */
    void remove(List<String> tokens) {
        for (String token : tokens) {
            try {
                store.remove(token);
            } catch (StoreException e) {
                LOG.warn("could not remove challenge answer {}; it expires within {}: {}", token, ttl,
                        e.getMessage());
            }
        }
    }

    /** The name the CA validates, which is the one we ordered; checked rather than trusted. */
    private DomainName nameOf(Authorization authorization) {
        String value = authorization.getIdentifier().getDomain();
        return context.filter(d -> d.ascii().equals(value)).orElseGet(() -> DomainName.ofTrusted(value));
    }
}
