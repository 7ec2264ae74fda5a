package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.LocalServices;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole orders against the local Pebble, validated over HTTP-01 by a responder on Pebble's validation port. */
class CertificateOrderIT {
    private static RedisStore redis;
    private static RecordingChallengeStore STORE;
    private static Http01Responder responder;
    private static AcmeClient client;
    private static AcmeAccount account;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisStore.open(RedisSettings.of(LocalServices.redisUri()));
        STORE = new RecordingChallengeStore(redis.challenges());
        responder = Http01Responder.start(LocalServices.http01Port(), STORE);
        client = AcmeClient.create(Pebble.settings());
        account = client.account(AcmeKeys.generateEcP256()).agreeToTermsOfService().findOrCreate();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (responder != null) {
            responder.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void answerHonestly() {
        responder.tamper(UnaryOperator.identity());
    }

    @Test
    void issuesAVerifiableCertificateForExactlyTheOrderedName(@TempDir Path dir) throws Exception {
        DomainName domain = Pebble.freshDomain();
        KeyPair certKey = AcmeKeys.generateEcP256();
        List<URI> created = new CopyOnWriteArrayList<>();
        int answeredBefore = responder.answered();

        long started = System.nanoTime();
        IssuedCertificate issued = account.order(domain).challengeStore(STORE).keyPair(certKey)
                .listener(new OrderListener() {
                    @Override
                    public void orderCreated(DomainName name, URI orderLocation) {
                        created.add(orderLocation);
                    }
                })
                .execute();
        System.out.printf("order for %s took %d ms%n", domain, (System.nanoTime() - started) / 1_000_000);

        X509Certificate leaf = issued.leaf();
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, domain.ascii()));
        assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(certKey.getPublic().getEncoded());
        assertThat(issued.keyPair()).isSameAs(certKey);
        assertThat(issued.serial()).isEqualTo(leaf.getSerialNumber().toString(16));
        assertThat(issued.notBefore()).isEqualTo(leaf.getNotBefore().toInstant());
        assertThat(issued.notAfter()).isEqualTo(leaf.getNotAfter().toInstant());
        assertThat(Pem.parseChain(issued.chainPem())).isEqualTo(issued.chain());
        assertThat(created).containsExactly(issued.orderLocation());
        verifiesAgainstPebblesRoot(issued.chain());

        List<Http01Challenge> published = STORE.putsFor(domain);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).keyAuthorization()).startsWith(published.get(0).token() + ".");
        assertThat(responder.answered()).isGreaterThan(answeredBefore);
        assertThat(STORE.allRemoved(domain)).isTrue();

        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        StoredCertificate stored = issued.seal(envelope);
        KeyPair reopened = AcmeKeys.fromPkcs8(envelope.open(stored.key(), domain));
        assertThat(reopened.getPublic().getEncoded()).isEqualTo(certKey.getPublic().getEncoded());
    }

    @Test
    void wrongKeyAuthorizationFailsWithTheCasDetailNamingTheDomain() throws Exception {
        DomainName domain = Pebble.freshDomain();
        responder.tamper(keyAuthorization -> keyAuthorization.substring(0, keyAuthorization.indexOf('.') + 1)
                + "bm90LXRoZS1hY2NvdW50LWtleS10aHVtYnByaW50");

        assertThatThrownBy(() -> account.order(domain).challengeStore(STORE).execute())
                .isInstanceOfSatisfying(AcmeInvalidException.class, e -> {
                    System.out.println("tenant sees: " + e.getMessage());
                    assertThat(e.getDomain()).isEqualTo(domain);
                    assertThat(e.getProblem().type()).isEqualTo("unauthorized");
                    assertThat(e.getProblem().detail()).isPresent();
                    assertThat(e.getMessage()).contains(domain.ascii()).contains(e.getProblem().detail().get());
                    assertThat(e.getAdvice()).contains(domain.ascii()).contains("challenge answer");
                });
        assertThat(STORE.putsFor(domain)).hasSize(1);
        assertThat(STORE.allRemoved(domain)).isTrue();
    }

    @Test
    void aValidationSlowerThanThePollBoundTimesOutKeepingOrderAndAnswersToResume() throws Exception {
        DomainName domain = Pebble.freshDomain();
        List<URI> created = new CopyOnWriteArrayList<>();
        responder.tamper(keyAuthorization -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return keyAuthorization;
        });

        try (AcmeClient impatient = AcmeClient.create(Pebble.settings().withPollBound(Duration.ofMillis(300)))) {
            AcmeAccount sameAccount = impatient.account(account.keyPair()).bind(account.location());
            long started = System.nanoTime();
            assertThatThrownBy(() -> sameAccount.order(domain).challengeStore(STORE)
                    .listener(new OrderListener() {
                        @Override
                        public void orderCreated(DomainName name, URI orderLocation) {
                            created.add(orderLocation);
                        }
                    })
                    .execute())
                    .isInstanceOfSatisfying(AcmeTimeoutException.class, e -> {
                        assertThat(e).isInstanceOf(AcmeRetryableException.class);
                        assertThat(e.getDomain()).isEqualTo(domain);
                        assertThat(List.of(e.getOrderLocation())).isEqualTo(created);
                        assertThat(e.getWaited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        // Kept for the CA, which is still validating, so that resuming the order can succeed; the TTL ends them.
        Http01Challenge published = STORE.putsFor(domain).get(0);
        assertThat(STORE.answer(published.token(), domain.ascii())).contains(published.keyAuthorization());
        STORE.remove(published.token());
    }

    /** Path validation as a TLS client does it, against the root Pebble issues from right now. */
    private static void verifiesAgainstPebblesRoot(List<X509Certificate> chain) throws Exception {
        X509Certificate root = Pebble.issuerRoot();
        List<X509Certificate> path = chain.stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .toList();
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    }
}
