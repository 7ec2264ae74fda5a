package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.PebbleRoots;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole orders against the local Pebble, validated over HTTP-01 by a responder on Pebble's validation port. */
class CertificateOrderIT extends OrderTestBase {
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
        IssuedCertificate issued = account.order(domain).challengeStore(store).keyPair(certKey)
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
        PebbleRoots.verify(issued.chain());

        List<Http01Challenge> published = store.putsFor(domain);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).keyAuthorization()).startsWith(published.get(0).token() + ".");
        assertThat(responder.answered()).isGreaterThan(answeredBefore);
        assertThat(store.allRemoved(domain)).isTrue();

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

        assertThatThrownBy(() -> account.order(domain).challengeStore(store).execute())
                .isInstanceOfSatisfying(AcmeInvalidException.class, e -> {
                    System.out.println("tenant sees: " + e.getMessage());
                    assertThat(e.getDomain()).isEqualTo(domain);
                    assertThat(e.getProblem().type()).isEqualTo("unauthorized");
                    assertThat(e.getProblem().detail()).isPresent();
                    assertThat(e.getMessage()).contains(domain.ascii()).contains(e.getProblem().detail().get());
                    assertThat(e.getAdvice()).contains(domain.ascii()).contains("challenge answer");
                });
        assertThat(store.putsFor(domain)).hasSize(1);
        assertThat(store.allRemoved(domain)).isTrue();
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
            assertThatThrownBy(() -> sameAccount.order(domain).challengeStore(store)
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
        Http01Challenge published = store.putsFor(domain).get(0);
        assertThat(store.answer(published.token(), domain.ascii())).contains(published.keyAuthorization());
        store.remove(published.token());
    }
}
