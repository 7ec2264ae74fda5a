package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.StoreException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One certificate order for one domain, validated over HTTP-01 through a {@link ChallengeStore} that every edge proxy
 * answers from. Configure, then {@link #execute()}: the order is created, the challenge answers published and
 * triggered, validation and issuance awaited within the poll bound, the chain downloaded, and the answers removed
 * again whatever the outcome.
 */
public final class CertificateOrder {
    /** Long enough for a CA that validates slowly, short enough that a stale token soon disappears by itself. */
    public static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(CertificateOrder.class);
    private static final Set<Status> AUTHORIZATION_FINAL = Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED,
            Status.EXPIRED, Status.REVOKED);

    private final AcmeClient client;
    private final Login login;
    private final DomainName domain;
    private final Optional<DomainName> context;
    private final Optional<URI> resumeFrom;
    private ChallengeStore challengeStore;
    private KeyPair keyPair;
    private Duration challengeTtl = DEFAULT_CHALLENGE_TTL;
    private OrderListener listener = OrderListener.NONE;
    private Optional<String> replaces = Optional.empty();

    CertificateOrder(AcmeClient client, Login login, DomainName domain, URI resumeFrom) {
        this.client = client;
        this.login = login;
        this.domain = domain;
        this.context = Optional.of(domain);
        this.resumeFrom = Optional.ofNullable(resumeFrom);
    }

    /** Where the HTTP-01 answers go for the edge proxies to serve. Required. */
    public CertificateOrder challengeStore(ChallengeStore store) {
        this.challengeStore = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The certificate's key pair; a fresh ECDSA P-256 pair when not given. Never the account's key pair. */
    public CertificateOrder keyPair(KeyPair certificateKey) {
        this.keyPair = Objects.requireNonNull(certificateKey, "certificateKey");
        return this;
    }

    /** How long a published challenge answer lives if this process dies before removing it. */
    public CertificateOrder challengeTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("challenge TTL must be positive, got " + ttl);
        }
        this.challengeTtl = ttl;
        return this;
    }

    /**
     * Marks the order as the renewal of the certificate with this ARI identifier ({@link
     * RenewalInfoRequest#certificateId()}): the CA may then exempt it from rate limits (Let's Encrypt does). Sent
     * only when the CA offers renewal information; other CAs refuse the field.
     */
    public CertificateOrder replaces(String certificateId) {
        this.replaces = Optional.of(Objects.requireNonNull(certificateId, "certificateId"));
        return this;
    }

    public CertificateOrder listener(OrderListener orderListener) {
        this.listener = Objects.requireNonNull(orderListener, "orderListener");
        return this;
    }

    /**
     * Runs the order to the end and removes the published answers, except after an {@link AcmeTimeoutException}:
     * then the order is still open and the answers stay until their TTL, so the CA can finish validating. A store
     * failure (publishing an answer, or from the listener) ends the order with that {@link StoreException}. A resumed
     * order ({@link AcmeAccount#resume}) does not call {@link OrderListener#orderCreated}, and throws
     * {@link AcmeOrderNotResumableException} when it cannot be continued.
     */
    public IssuedCertificate execute() throws AcmeException, StoreException {
        Objects.requireNonNull(challengeStore, "call challengeStore(...) before execute()");
        KeyPair certificateKey = keyPair != null ? keyPair : AcmeKeys.generateEcP256();
        if (samePublicKey(certificateKey, login.getKeyPair().getPublic())) {
            throw new IllegalArgumentException("the certificate key pair must not be the account key pair");
        }
        long started = System.nanoTime();
        Order order;
        URI orderUri;
        if (resumeFrom.isPresent()) {
            orderUri = resumeFrom.get();
            order = OrderResumption.resume(client.failures(), login, domain, orderUri);
            LOG.info("{}: order {} resumed in status {}", domain, orderUri, order.getStatus());
        } else {
            order = client.failures().call(context, "creating the order", this::createOrder);
            orderUri = AccountRequest.toUri(order.getLocation());
            LOG.info("{}: order {} created", domain, orderUri);
            listener.orderCreated(domain, orderUri);
        }
        // Everything from here on also serves an order resumed from its URL: it only reads the order's state.
        Http01Validation validation = new Http01Validation(client.failures(), challengeStore, challengeTtl, context);
        List<String> published = new ArrayList<>();
        boolean resumable = false;
        try {
            validate(validation, order, orderUri, published);
            IssuedCertificate issued = issue(order, orderUri, certificateKey);
            LOG.info("{}: certificate serial {} issued in {} ms, valid until {}", domain, issued.serial(),
                    (System.nanoTime() - started) / 1_000_000, issued.notAfter());
            return issued;
        } catch (AcmeTimeoutException e) {
            // The CA may still be validating: removing the answers now would fail the order that a retry resumes.
            resumable = true;
            throw e;
        } finally {
            if (!resumable) {
                validation.remove(published);
            }
        }
    }

    private void validate(Http01Validation validation, Order order, URI orderUri, List<String> published)
            throws AcmeException, StoreException {
        List<Authorization> pending = validation.publishAndTrigger(
                client.failures().call(context, "reading the order", order::getAuthorizations), published);
        listener.validating(domain, orderUri);
        for (Authorization authorization : pending) {
            await(authorization, AUTHORIZATION_FINAL, "validating " + domain, orderUri);
            validation.requireValid(authorization);
        }
    }

    private IssuedCertificate issue(Order order, URI orderUri, KeyPair certificateKey)
            throws AcmeException, StoreException {
        if (await(order, Set.of(Status.READY, Status.PROCESSING, Status.VALID, Status.INVALID),
                "checking the order", orderUri) == Status.READY) {
            listener.issuing(domain, orderUri);
            client.failures().call(context, "finalizing the order", () -> {
                order.execute(certificateKey);
                return null;
            });
        }
        if (await(order, Set.of(Status.VALID, Status.INVALID), "issuing the certificate", orderUri)
                == Status.INVALID) {
            throw orderFailure(order);
        }
        Certificate certificate = order.getCertificate();
        client.failures().call(context, "downloading the certificate", () -> {
            certificate.download();
            return null;
        });
        IssuedCertificate issued = IssuedCertificate.of(domain, certificate.getCertificateChain(), certificateKey,
                orderUri);
        if (!samePublicKey(certificateKey, issued.leaf().getPublicKey())) {
            // Storing it would make every TLS handshake for the domain fail; refuse it here instead.
            throw new AcmeException(domain + ": the CA returned a certificate for another key from order "
                    + orderUri);
        }
        return issued;
    }

    private Order createOrder() throws org.shredzone.acme4j.exception.AcmeException {
        OrderBuilder builder = login.newOrder().domain(domain.ascii());
        Optional<String> profile = client.settings().profile();
        if (profile.isPresent()) {
            var meta = client.session().getMetadata();
            if (meta.isProfileAllowed(profile.get())) {
                builder.profile(profile.get());
            } else if (meta.isProfileAllowed()) {
                throw new org.shredzone.acme4j.exception.AcmeNotSupportedException("profile " + profile.get()
                        + " (it offers " + meta.getProfiles() + ")");
            } else {
                LOG.debug("{}: the CA offers no profiles; ordering without profile {}", domain, profile.get());
            }
        }
        if (replaces.isPresent()) {
            if (client.session().resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO)
                    .isPresent()) {
                builder.replaces(replaces.get());
            } else {
                LOG.debug("{}: the CA offers no renewal information; ordering without replaces", domain);
            }
        }
        return builder.create();
    }

    private Status await(PollableResource resource, Set<Status> done, String doing, URI orderUri)
            throws AcmeException {
        Optional<Poller.Expired> expired = client.failures().call(context, doing,
                () -> Poller.system(client.settings().pollBound()).await(resource, done));
        if (expired.isPresent()) {
            throw new AcmeTimeoutException(domain, doing, orderUri, expired.get().waited(),
                    expired.get().retryAfter().orElse(null));
        }
        return resource.getStatus();
    }

    private AcmeException orderFailure(Order order) {
        return order.getError()
                .map(problem -> client.failures().fromProblem(context, "issuing the certificate",
                        AcmeProblem.from(problem), true, null))
                .orElseGet(() -> new AcmeException(domain + ": the CA marked the order " + order.getLocation()
                        + " invalid without saying why"));
    }

    private static boolean samePublicKey(KeyPair pair, java.security.PublicKey other) {
        return Arrays.equals(pair.getPublic().getEncoded(), other.getEncoded());
    }
}
