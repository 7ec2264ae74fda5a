package dev.portico.control.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeSettings;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.control.issuance.RenewalWindow;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.MutableClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Scheduled renewal runs against the real Redis, the emulator's SQS queue, and a CA's renewal information served
 * over real HTTP from recorded RFC 9773 responses.
 */
class RenewalSchedulerIT {
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private static final TenantId TENANT = new TenantId("tenant-renewal");

    private SharedRedis redis;
    private static SqsClient sqs;
    private static KeyEnvelope envelope;
    private final List<String> queues = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sqs = EmulatorClients.create().sqs();
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(
                Files.createTempDirectory("renewal-it").resolve("master.key")));
    }

    /** A prefix of each test's own, so the figures count only that test's domains. */
    @org.junit.jupiter.api.BeforeEach
    void openStore() throws Exception {
        redis = SharedRedis.open();
    }

    @Test
    void tenThousandDomainsOneRunTouchesOnlyTheDueOnesAndSpreadsThem() throws Exception {
        int total = 10_000;
        int due = 150;
        String run = "bulk-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < total; i++) {
            DomainName domain = DomainName.ofTrusted("d" + i + "." + run + ".example.com");
            // The due ones over the last hour; the rest over the next 60 days.
            Instant renewAt = i < due ? NOW.minusSeconds(1 + i * 20L) : NOW.plusSeconds(60L + i * 518L);
            Instant notAfter = renewAt.plus(Duration.ofDays(30));
            redis.store.domains().create(DomainRecord.register(domain, TENANT, OriginUrl.ofTrusted(
                    "https://origin.example.net"), NOW).withCertificate(new CertificateSummary("a" + i,
                    notAfter.minus(Duration.ofDays(90)), notAfter), renewAt, NOW));
            redis.store.renewals().schedule(domain, renewAt);
            redis.store.renewals().recordExpiry(domain, notAfter);
        }
        Recording queue = new Recording(newQueue());
        RenewalSettings settings = RenewalSettings.defaults();
        RenewalScheduler scheduler = scheduler(queue, cert -> java.util.Optional.empty(), new MutableClock(NOW),
                settings);

        long trips = redis.store.roundTrips();
        long started = System.nanoTime();
        RenewalRun first = scheduler.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long used = redis.store.roundTrips() - trips;
        System.out.printf("%,d domains, %d due: one run enqueued %d in %d ms with %d Redis round trips "
                + "(%.2f per due renewal)%n", total, due, first.enqueued(), millis, used, used / (double) due);

        assertThat(first.enqueued()).isEqualTo(due);
        assertThat(queue.requests).allMatch(r -> r.reason() == IssuanceRequest.Reason.RENEWAL)
                .extracting(r -> r.domain().ascii()).doesNotHaveDuplicates()
                .allMatch(name -> Integer.parseInt(name.substring(1, name.indexOf('.'))) < due);
        // One index read, one move per renewal, and a fixed handful for the figures: nothing grows with the 10,000.
        assertThat(used).isLessThanOrEqualTo(due + 12);
        assertThat(first.byDaysToExpiry().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(first.dueAfter()).isZero();

        // Spread over the window: delays cover [0, 5 min) rather than bunching.
        long spread = settings.spread().toMillis();
        List<Long> delays = queue.delays.stream().map(Duration::toMillis).sorted().toList();
        System.out.printf("delays: min %d ms, median %d ms, max %d ms over a %d ms spread%n", delays.getFirst(),
                delays.get(delays.size() / 2), delays.getLast(), spread);
        assertThat(delays.getFirst()).isLessThan(spread / 5);
        assertThat(delays.getLast()).isGreaterThan(spread * 4 / 5).isLessThan(spread);
        assertThat(delays.stream().filter(d -> d < spread / 2).count()).isBetween(40L, 110L);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        assertThat(Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)))
                .isEqualTo(due);

        // Taken renewals are in flight: the next run a minute later takes none of them again.
        assertThat(scheduler(queue, cert -> java.util.Optional.empty(), new MutableClock(NOW.plusSeconds(60)),
                settings).run().enqueued()).isZero();
    }

    @Test
    void renewAtMovesIntoTheWindowTheCaSuggestsAndARevokedCertificateIsRenewedAtOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        DomainName ordinary = DomainName.ofTrusted("ordinary-" + run + ".example.com");
        DomainName revoked = DomainName.ofTrusted("revoked-" + run + ".example.com");
        TestCertificates ca = new TestCertificates();
        StoredCertificate ordinaryCert = active(ordinary, ca);
        StoredCertificate revokedCert = active(revoked, ca);
        Instant defaultRenewAt = RenewalWindow.renewAt(ordinaryCert.notBefore(), ordinaryCert.notAfter());

        try (RenewalInfoServer server = RenewalInfoServer.start();
                AcmeClient acme = AcmeClient.create(AcmeSettings.forDirectory(server.directory()))) {
            String ordinaryId = acme.renewalInfo(TestCertificates.leaf(ordinaryCert)).certificateId();
            String revokedId = acme.renewalInfo(TestCertificates.leaf(revokedCert)).certificateId();
            server.answer(ordinaryId, new RenewalInfoServer.Answer(200, RenewalInfoServer.recorded("window.json"),
                    "21600"));
            server.answer(revokedId, new RenewalInfoServer.Answer(200, RenewalInfoServer.recorded("revoked.json"),
                    "3600"));
            Recording queue = new Recording(newQueue());

            RenewalRun result = scheduler(queue, RenewalInfoSource.of(acme), new MutableClock(NOW),
                    RenewalSettings.defaults()).run();

            assertThat(server.asked).containsExactlyInAnyOrder(ordinaryId, revokedId);
            assertThat(result.infoOffered()).isTrue();
            assertThat(result.infoChecked()).isEqualTo(2);
            assertThat(result.infoMoved()).isEqualTo(2);
            Instant moved = redis.store.domains().find(ordinary).orElseThrow().renewAt().orElseThrow();
            assertThat(moved).isNotEqualTo(defaultRenewAt)
                    .isBetween(Instant.parse("2027-01-20T08:00:00Z"), Instant.parse("2027-01-22T08:00:00Z"));
            assertThat(redis.store.renewals().due(moved, 1000)).contains(ordinary);
            // The revoked certificate's window has passed: renewed in this very run, not at its old renew-at.
            assertThat(queue.requests).extracting(IssuanceRequest::domain).containsExactly(revoked);
            // Asked again when the CA's Retry-After says (6 h and 1 h), within the twice-a-day bound.
            assertThat(redis.store.renewals().renewalInfoChecksDue(NOW.plus(Duration.ofMinutes(59)), 10))
                    .doesNotContain(ordinary, revoked);
            assertThat(redis.store.renewals().renewalInfoChecksDue(NOW.plus(Duration.ofHours(1)), 10))
                    .contains(revoked).doesNotContain(ordinary);
            assertThat(redis.store.renewals().renewalInfoChecksDue(NOW.plus(Duration.ofHours(6)), 10))
                    .contains(ordinary, revoked);
        }
    }

    @Test
    void aCaWithoutRenewalInformationLeavesRenewAtAtAThirdOfTheLifetime() throws Exception {
        DomainName domain = DomainName.ofTrusted("no-ari-" + UUID.randomUUID().toString().substring(0, 6)
                + ".example.com");
        StoredCertificate cert = active(domain, new TestCertificates());
        // The local Pebble: a real CA whose directory has no renewalInfo.
        try (AcmeClient pebble = AcmeClient.create(dev.portico.control.issuance.PebbleCa.settings(
                dev.portico.testkit.LocalServices.acmeDirectory()))) {
            RenewalRun result = scheduler(new Recording(newQueue()),
                    RenewalInfoSource.of(pebble), new MutableClock(NOW), RenewalSettings.defaults()).run();
            assertThat(result.infoOffered()).isFalse();
            assertThat(result.infoMoved()).isZero();
        }
        assertThat(redis.store.domains().find(domain).orElseThrow().renewAt())
                .contains(RenewalWindow.renewAt(cert.notBefore(), cert.notAfter()));
    }

    private StoredCertificate active(DomainName domain, TestCertificates ca) throws Exception {
        Instant notBefore = NOW.minus(Duration.ofDays(31));
        StoredCertificate cert = ca.issue(domain, notBefore, notBefore.plus(Duration.ofDays(90)), envelope);
        Instant renewAt = RenewalWindow.renewAt(cert.notBefore(), cert.notAfter());
        redis.store.certificates().put(cert);
        assertThat(redis.store.domains().create(DomainRecord.register(domain, TENANT,
                OriginUrl.ofTrusted("https://origin.example.net"), NOW.minus(Duration.ofDays(31)))
                .withCertificate(new CertificateSummary(cert.serial(), cert.notBefore(), cert.notAfter()), renewAt,
                        NOW.minus(Duration.ofDays(31))))).isTrue();
        redis.store.renewals().schedule(domain, renewAt);
        redis.store.renewals().recordExpiry(domain, cert.notAfter());
        redis.store.renewals().scheduleRenewalInfoCheck(domain, NOW.minus(Duration.ofDays(31)));
        return cert;
    }

    private RenewalScheduler scheduler(IssuanceQueue queue, RenewalInfoSource source, MutableClock clock,
            RenewalSettings settings) {
        return new RenewalScheduler(redis.store.domains(), redis.store.certificates(), redis.store.renewals(),
                redis.store.renewalFailures(), queue, source, clock, settings,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    private String newQueue() {
        String url = sqs.createQueue(r -> r.queueName("renewal-it-" + UUID.randomUUID())).queueUrl();
        queues.add(url);
        return url;
    }

    @org.junit.jupiter.api.AfterEach
    void deleteQueues() {
        queues.forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
        redis.close();
    }

    /** The real queue, with what was enqueued and each delay kept for the assertions. */
    private record Recording(String url, SqsIssuanceQueue queue, List<IssuanceRequest> requests,
            List<Duration> delays) implements IssuanceQueue {
        Recording(String url) {
            this(url, new SqsIssuanceQueue(sqs, url), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        @Override
        public void enqueue(IssuanceRequest request, Duration delay) throws dev.portico.core.issuance.QueueException {
            queue.enqueue(request, delay);
            requests.add(request);
            delays.add(delay);
        }

        @Override
        public Duration maxDelay() {
            return queue.maxDelay();
        }
    }
}
