package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.acme.AcmeClient;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.aws.testing.EmulatorQueues;
import dev.portico.control.renewal.RenewalInfoSource;
import dev.portico.control.renewal.RenewalRun;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.control.renewal.RenewalSettings;
import dev.portico.control.testing.MemoryRecordArchive;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.core.store.RenewalFailures;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.MutableClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A renewal while the CA is down, end to end on real parts: the scheduled run (its clock moved past renew-at) puts
 * the renewal on the emulator's SQS queue, the issuance finds a Pebble of this test's own stopped, the domain shows
 * {@code renewing} with the error and keeps its certificate, the retries wait longer each time; Pebble restarted,
 * the next due run renews.
 */
class RenewalThroughCaOutageIT {
    private static final int RESPONDER_PORT = 5022;

    private static SharedRedis redis;
    private static EdgeProxyServer edgeProxy;
    private static KeyEnvelope envelope;
    private static SqsClient sqs;
    private static String queueUrl;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = SharedRedis.open();
        edgeProxy = Edge.proxy(RESPONDER_PORT, redis.store.challenges());
        dir = Files.createTempDirectory("renewal-outage");
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        sqs = EmulatorClients.create().sqs();
        queueUrl = sqs.createQueue(r -> r.queueName("renewal-outage-" + System.nanoTime())).queueUrl();
    }

    @AfterAll
    static void stop() {
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        edgeProxy.close();
        redis.close();
    }

    @Test
    void renewalFailsWhileTheCaIsDownWithGrowingDelaysKeepsTheCertificateAndRenewsOnceItIsBack() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        DomainName domain = PebbleCa.freshDomain("outage");
        PebbleProcess pebble = PebbleProcess.start(RESPONDER_PORT, 0, dir);
        try (AcmeClient acme = AcmeClient.create(PebbleCa.settings(pebble.directory()))) {
            IssuanceService service = service(acme, clock, pebble);
            assertThat(redis.store.domains().create(DomainRecord.register(domain, new TenantId("tenant-it"),
                    OriginUrl.ofTrusted("https://origin.example.net"), clock.instant()))).isTrue();
            assertThat(service.handle(IssuanceRequest.first(domain, IssuanceRequest.Reason.REGISTERED,
                    clock.instant()))).isInstanceOf(Outcome.Issued.class);
            DomainRecord first = redis.store.domains().find(domain).orElseThrow();
            String servedSerial = first.certificate().orElseThrow().serial();

            // Renew-at passes while the CA is down.
            pebble.close();
            clock.set(first.renewAt().orElseThrow().plusSeconds(1));
            Outcome failed = renewOnce(service, clock);
            DomainRecord renewing = redis.store.domains().find(domain).orElseThrow();
            System.out.println("CA down, try 1: " + renewing.reason().orElse(""));
            assertThat(failed).isInstanceOf(Outcome.Failed.class);
            assertThat(renewing.status()).isEqualTo(DomainStatus.RENEWING);
            assertThat(renewing.reason().orElseThrow()).contains("renewal failed once", "could not be reached",
                    "tries again at", "stays in use");
            assertThat(renewing.certificate().orElseThrow().serial()).isEqualTo(servedSerial);
            assertThat(redis.store.certificates().find(domain).orElseThrow().serial()).isEqualTo(servedSerial);
            Duration firstWait = nextTry(domain, clock);
            assertThat(firstWait).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));

            // Not due again before its wait; due after it, and the wait grows.
            clock.advance(firstWait.minusSeconds(5));
            assertThat(scheduler(clock, acme).run().enqueued()).isZero();
            clock.advance(Duration.ofSeconds(6));
            assertThat(renewOnce(service, clock)).isInstanceOf(Outcome.Failed.class);
            Duration secondWait = nextTry(domain, clock);
            assertThat(secondWait).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
            RenewalFailures.Streak streak = redis.store.renewalFailures().find(domain).orElseThrow();
            assertThat(streak.failures()).isEqualTo(2);
            assertThat(redis.store.domains().find(domain).orElseThrow().reason().orElseThrow())
                    .contains("renewal failed 2 times in a row");
            RenewalRun seen = scheduler(clock, acme).run();
            assertThat(seen.failing()).isEqualTo(1);
            assertThat(seen.oldestFailure().orElseThrow().domain()).isEqualTo(domain.unicode());

            // The CA is back (a restarted Pebble, which forgot every account): the next due run renews.
            pebble = PebbleProcess.start(RESPONDER_PORT, 0, dir);
            clock.advance(secondWait.plusSeconds(1));
            Outcome renewed = renewOnce(service, clock);
            DomainRecord active = redis.store.domains().find(domain).orElseThrow();
            assertThat(renewed).as(active.reason().orElse("")).isInstanceOf(Outcome.Issued.class);
            assertThat(active.status()).isEqualTo(DomainStatus.ACTIVE);
            assertThat(active.reason()).isEmpty();
            assertThat(active.certificate().orElseThrow().serial()).isNotEqualTo(servedSerial);
            assertThat(redis.store.certificates().find(domain).orElseThrow().serial())
                    .isEqualTo(active.certificate().orElseThrow().serial());
            assertThat(redis.store.renewalFailures().find(domain)).isEmpty();
        } finally {
            pebble.close();
        }
    }

    /** One scheduled run, then the IssueCertificate function's part for the message it enqueued. */
    private Outcome renewOnce(IssuanceService service, MutableClock clock) throws Exception {
        assertThat(scheduler(clock, null).run().enqueued()).isEqualTo(1);
        IssuanceRequest request = IssuanceRequestCodec.decode(EmulatorQueues.receive(sqs, queueUrl).body());
        assertThat(request.reason()).isEqualTo(IssuanceRequest.Reason.RENEWAL);
        return service.handle(request);
    }

    /** The domain's renewal index entry, which is its next try, as a wait from the clock's now. */
    private static Duration nextTry(DomainName domain, MutableClock clock) {
        Double at = redis.raw.zscore(redis.keys.renewals(), domain.ascii());
        assertThat(at).as("%s in the renewal index", domain).isNotNull();
        return Duration.between(clock.instant(), Instant.ofEpochMilli(at.longValue()));
    }

    private static RenewalScheduler scheduler(MutableClock clock, AcmeClient acme) {
        return new RenewalScheduler(redis.store.domains(), redis.store.certificates(), redis.store.renewals(),
                redis.store.renewalFailures(), new SqsIssuanceQueue(sqs, queueUrl),
                acme == null ? certificate -> java.util.Optional.empty() : RenewalInfoSource.of(acme), clock,
                RenewalSettings.defaults().withSpread(Duration.ZERO), () -> 0.5);
    }

    private static IssuanceService service(AcmeClient acme, MutableClock clock, PebbleProcess pebble) {
        IssuanceStores stores = new IssuanceStores(redis.store.domains(), redis.store.certificates(),
                redis.store.challenges(), redis.store.locks(), redis.store.orders(), redis.store.rateLimiter(),
                redis.store.renewals(), redis.store.renewalFailures(), new MemoryRecordArchive());
        IssuanceSettings settings = IssuanceSettings.defaults(pebble.directory(), "portico.test")
                .withPollBound(Duration.ofSeconds(20)).withProbe(RESPONDER_PORT, Duration.ofSeconds(2));
        HttpRoutingProbe probe = new HttpRoutingProbe(redis.store.challenges(), RESPONDER_PORT,
                Duration.ofSeconds(2), host -> List.of(InetAddress.getLoopbackAddress()));
        return new IssuanceService(stores, new AccountKeys(acme, redis.store.accountKeys(), envelope), envelope,
                event -> "not-published-" + event.id(), probe, clock, settings);
    }
}
