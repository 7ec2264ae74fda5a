package dev.portico.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.aws.AwsClients;
import dev.portico.aws.S3RecordArchive;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.aws.testing.EmulatorBuckets;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.aws.testing.EmulatorQueues;
import dev.portico.control.DomainService;
import dev.portico.control.RegistrationPolicy;
import dev.portico.control.issuance.Completions;
import dev.portico.control.issuance.IssuanceStores;
import dev.portico.control.issuance.LocalCa;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.core.issuance.QueueException;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.store.redis.testing.RedisServerProcess;
import dev.portico.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The issue's done-when: domains registered and issued through the real write path (Redis of the test's own,
 * emulator S3 with SSE-KMS, emulator SQS), {@code FLUSHALL}, reconcile: every record, certificate, tenant index and
 * renewal entry is back and equal, pending ones are requested again, and a second run changes nothing. The Redis is
 * a redis-server started here, never the shared one.
 */
class ReconcilerIT {
    @TempDir
    static Path dir;
    private static RedisServerProcess server;
    private static RedisStore store;
    private static RedisClient raw;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String kmsKey;
    private static String queueUrl;
    private static KeyEnvelope envelope;
    /** A bucket of each test's own, so that what a reconcile finds is what that test archived. */
    private String bucket;
    private S3RecordArchive archive;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        server = RedisServerProcess.start(dir);
        store = RedisStore.open(RedisSettings.of(server.uri()));
        raw = RedisClient.create(server.uri());
        AwsClients aws = EmulatorClients.create();
        s3 = aws.s3();
        sqs = aws.sqs();
        kmsKey = aws.kms().createKey(r -> r.description("portico reconcile test")).keyMetadata().keyId();
        queueUrl = sqs.createQueue(r -> r.queueName("reconcile-" + UUID.randomUUID())).queueUrl();
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
    }

    @BeforeEach
    void ownBucketAndEmptyRedis() {
        bucket = EmulatorBuckets.create(s3, "reconcile-it");
        archive = new S3RecordArchive(s3, bucket, Optional.of(kmsKey), Duration.ofSeconds(10));
        raw.flushAll();
    }

    @AfterEach
    void deleteBucket() {
        EmulatorBuckets.delete(s3, bucket);
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        raw.close();
        store.close();
        server.close();
    }

    private Reconciler reconciler() {
        return new Reconciler(archive, store.domains(), store.certificates(), store.renewals(),
                store.reconcileMarker(), new SqsIssuanceQueue(sqs, queueUrl), clock, 5);
    }

    private DomainService service() {
        return new DomainService(store.domains(), store.certificates(), store.renewals(), store.rateLimiter(),
                new SqsIssuanceQueue(sqs, queueUrl), event -> "unpublished", clock, RegistrationPolicy.defaults(),
                archive);
    }

    private IssuanceStores stores() {
        return new IssuanceStores(store.domains(), store.certificates(), store.challenges(), store.locks(),
                store.orders(), store.rateLimiter(), store.renewals(), store.renewalFailures(), archive);
    }

    /** Everything the store holds about one domain, as the edge and the renewal schedule read it. */
    private record Held(Optional<DomainRecord> record, Optional<StoredCertificate> certificate, Double renewAt,
            Double expires) {
    }

    private Held held(DomainName domain) throws Exception {
        return new Held(store.domains().find(domain), store.certificates().find(domain),
                raw.zscore(store.keys().renewals(), domain.ascii()), raw.zscore(store.keys().expiries(),
                domain.ascii()));
    }

    private List<IssuanceRequest> drainQueue() throws Exception {
        List<IssuanceRequest> requests = new ArrayList<>();
        for (var message : EmulatorQueues.drain(sqs, queueUrl, 1)) {
            requests.add(IssuanceRequestCodec.decode(message.body()));
        }
        return requests;
    }

    @Test
    void flushAllThenReconcileBringsEveryDomainBackAndASecondRunChangesNothing() throws Exception {
        LocalCa ca = new LocalCa();
        Map<DomainName, Held> before = new LinkedHashMap<>();
        List<DomainName> pending = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            DomainName domain = service().register("r" + i + "-" + tenant + ".example.com", tenant,
                    "https://origin.example.net").record().domain();
            if (i < 10) {
                clock.advance(Duration.ofSeconds(1));
                Completions.complete(stores(), envelope, clock,
                        ca.issue(domain, clock.instant().minus(Duration.ofHours(1)), Duration.ofDays(90)));
            } else {
                pending.add(domain);
            }
            before.put(domain, held(domain));
        }
        DomainName removed = service().register("gone-" + tenant + ".example.com", tenant, "https://o.example.net")
                .record().domain();
        archive.put(store.domains().find(removed).orElseThrow().withStatus(DomainStatus.REMOVED, "removing", clock
                .instant()));
        store.domains().remove(removed);
        drainQueue();
        assertThat(reconciler().reconcileIfLost()).as("first start: no marker yet").isPresent();

        raw.flushAll();
        clock.advance(Duration.ofMinutes(5));
        ReconcileResult result = reconciler().reconcileIfLost().orElseThrow();

        assertThat(result.domainsRestored()).isEqualTo(12);
        assertThat(result.certificatesRestored()).isEqualTo(10);
        assertThat(result.requeued()).isEqualTo(2);
        assertThat(result.skippedRemoved()).isEqualTo(1);
        assertThat(result.unreadable()).isZero();
        assertThat(result.completed()).isTrue();
        for (Map.Entry<DomainName, Held> entry : before.entrySet()) {
            Held now = held(entry.getKey());
            if (pending.contains(entry.getKey())) {
                assertThat(now.record().orElseThrow().status()).isEqualTo(DomainStatus.PENDING_DNS);
                continue;
            }
            assertThat(now).as(entry.getKey().ascii()).isEqualTo(entry.getValue());
            assertThat(now.record().orElseThrow().status()).isEqualTo(DomainStatus.ACTIVE);
            assertThat(envelope.open(now.certificate().orElseThrow().key(), entry.getKey())).isNotEmpty();
        }
        assertThat(store.domains().find(removed)).isEmpty();
        assertThat(store.domains().countByTenant(new TenantId(tenant))).isEqualTo(12);
        assertThat(store.domains().listByTenant(new TenantId(tenant), Optional.empty(), 100).items())
                .containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(drainQueue()).extracting(IssuanceRequest::domain).containsExactlyInAnyOrderElementsOf(pending);

        ReconcileResult again = reconciler().reconcile();
        assertThat(again.changedNothing()).isTrue();
        assertThat(again.unchanged()).isEqualTo(12);
        assertThat(drainQueue()).isEmpty();
        assertThat(reconciler().reconcileIfLost()).as("the marker says the store is whole").isEmpty();
    }

    @Test
    void aNewerRecordInRedisIsNeverOverwritten() throws Exception {
        DomainRecord registered = service().register("newer-" + tenant + ".example.com", tenant,
                "https://origin.example.net").record();
        clock.advance(Duration.ofSeconds(3));
        DomainRecord validating = registered.withStatus(DomainStatus.VALIDATING, null, clock.instant());
        assertThat(store.domains().update(validating)).isTrue();
        drainQueue();

        ReconcileResult result = reconciler().reconcile();

        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.changedNothing()).isTrue();
        assertThat(store.domains().find(registered.domain())).contains(validating);
    }

    @Test
    void aDomainWhoseRequestCannotBeQueuedIsLeftOutForTheNextRun() throws Exception {
        DomainName domain = service().register("unqueued-" + tenant + ".example.com", tenant,
                "https://origin.example.net").record().domain();
        drainQueue();
        raw.flushAll();
        IssuanceQueue broken = new IssuanceQueue() {
            @Override
            public void enqueue(IssuanceRequest request, Duration delay) throws QueueException {
                throw new QueueException("queue down (injected by the test)", null);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofMinutes(15);
            }
        };
        Reconciler failing = new Reconciler(archive, store.domains(), store.certificates(), store.renewals(),
                store.reconcileMarker(), broken, clock, 5);

        ReconcileResult result = failing.reconcile();

        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.domainsRestored()).isZero();
        assertThat(result.completed()).isFalse();
        assertThat(store.domains().find(domain)).as("no pending record without a queued request").isEmpty();
        ReconcileResult next = reconciler().reconcileIfLost().orElseThrow();
        assertThat(next.requeued()).isEqualTo(1);
        assertThat(next.completed()).isTrue();
        assertThat(drainQueue()).extracting(IssuanceRequest::domain).containsExactly(domain);
    }
}
