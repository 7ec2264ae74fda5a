package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.acme.IssuedCertificate;
import dev.portico.control.testing.MemoryRecordArchive;
import dev.portico.core.archive.ArchiveException;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.store.redis.RedisStore;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's place in the last step of an issuance, without a CA: certificate and active record archived before
 * Redis says active; an archive failure leaves the domain not active, and the retry finishes with the certificate
 * already stored instead of ordering another (every new one counts against the CA's duplicate limit).
 */
class IssuanceCompletionIT {
    private static final DomainName SHOP = DomainName.ofTrusted("completion.example.com");

    @TempDir
    Path dir;
    private SharedRedis redis;
    private final MemoryRecordArchive archive = new MemoryRecordArchive();
    private final Clock clock = Clock.systemUTC();
    private final LocalCa ca = new LocalCa();
    private IssuanceCompletion completion;

    @BeforeEach
    void open() throws Exception {
        redis = SharedRedis.open();
        RedisStore store = redis.store;
        IssuanceStores stores = new IssuanceStores(store.domains(), store.certificates(), store.challenges(),
                store.locks(), store.orders(), store.rateLimiter(), store.renewals(), store.renewalFailures(), archive);
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        completion = new IssuanceCompletion(stores, new IssuanceRecords(store.domains(), store.renewals(), clock),
                envelope, event -> "unpublished", clock);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private DomainRecord registered(DomainStatus status) throws Exception {
        DomainRecord record = DomainRecord.register(SHOP, new TenantId("acme"),
                OriginUrl.ofTrusted("https://o.example.net"), Instant.now().minusSeconds(60))
                .withStatus(status, null, Instant.now().minusSeconds(30));
        assertThat(redis.store.domains().create(record)).isTrue();
        return record;
    }

    private IssuedCertificate issued() throws Exception {
        return ca.issue(SHOP, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(90));
    }

    private static IssuanceRequest request() {
        return IssuanceRequest.first(SHOP, IssuanceRequest.Reason.REGISTERED, Instant.now());
    }

    @Test
    void anArchiveFailureLeavesTheDomainNotActiveAndTheRetryFinishesWithTheStoredCertificate() throws Exception {
        DomainRecord issuing = registered(DomainStatus.ISSUING);
        IssuedCertificate certificate = issued();
        archive.failPuts = true;

        assertThatThrownBy(() -> completion.complete(request(), certificate)).isInstanceOf(ArchiveException.class);
        assertThat(redis.store.domains().find(SHOP)).contains(issuing);
        assertThat(redis.store.certificates().find(SHOP)).isPresent();

        archive.failPuts = false;
        Outcome outcome = completion.finishStored(request(), issuing).orElseThrow();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Issued.class, issued -> {
            assertThat(issued.record().status()).isEqualTo(DomainStatus.ACTIVE);
            assertThat(issued.record().certificate().orElseThrow().serial()).isEqualTo(certificate.serial());
        });
        assertThat(archive.findCertificate(SHOP)).isEqualTo(redis.store.certificates().find(SHOP));
        assertThat(archive.find(SHOP)).isEqualTo(redis.store.domains().find(SHOP));
    }

    @Test
    void aFreshRegistrationNeverAdoptsACertificateLeftBehind() throws Exception {
        redis.store.certificates().put(issued().seal(KeyEnvelope.withDefaults(
                LocalDataKeyProvider.fromFile(dir.resolve("master.key")))));
        DomainRecord pending = registered(DomainStatus.PENDING_DNS);
        assertThat(completion.finishStored(request(), pending)).isEmpty();
    }

    @Test
    void theArchiveHasTheCertificateAndTheActiveRecordBeforeRedisSaysActive() throws Exception {
        registered(DomainStatus.ISSUING);
        Outcome outcome = completion.complete(request(), issued());
        assertThat(archive.calls).containsExactly("putCertificate " + SHOP, "put " + SHOP + " active");
        assertThat(archive.find(SHOP)).contains(((Outcome.Issued) outcome).record());
    }
}
