package dev.portico.control.issuance;

import dev.portico.control.testing.MemoryRecordArchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeKeys;
import dev.portico.aws.testing.EdgeEventsQueue;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.store.StoredCertificate;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.LocalServices;
import dev.portico.testkit.PebbleRoots;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole issuance against real Redis, the local Pebble validating through the real edge proxy's challenge server,
 * and SNS/SQS on the emulator.
 */
class IssuanceServiceIT {
    private static SharedRedis redis;
    private static EdgeProxyServer edgeProxy;
    private static AcmeClient acme;
    private static EdgeEventsQueue edge;
    private static KeyEnvelope envelope;
    private static Path keyDir;

    private CountingOrderLedger orders;
    private CountingAccounts accounts;
    private final MemoryRecordArchive archive = new MemoryRecordArchive();

    @BeforeAll
    static void start() throws Exception {
        // Ten concurrent issuances share the store, and the edge proxy reads challenges from it meanwhile.
        redis = SharedRedis.open(settings -> settings.withPoolSize(32));
        edgeProxy = Edge.proxy(LocalServices.http01Port(), redis.store.challenges());
        acme = AcmeClient.create(PebbleCa.settings(LocalServices.acmeDirectory()));
        edge = EdgeEventsQueue.create();
        keyDir = Files.createTempDirectory("issuance-it");
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(keyDir.resolve("master.key")));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {edge, acme, edgeProxy, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @BeforeEach
    void watch() {
        orders = new CountingOrderLedger(redis.store.orders());
        accounts = new CountingAccounts(new AccountKeys(acme, redis.store.accountKeys(), envelope));
    }

    private static IssuanceSettings settings(int probePort) {
        return IssuanceSettings.defaults(LocalServices.acmeDirectory(), "portico.test")
                .withPollBound(Duration.ofSeconds(30)).withProbe(probePort, Duration.ofSeconds(2));
    }

    private IssuanceService service(int probePort) {
        return service(settings(probePort));
    }

    private IssuanceService service(IssuanceSettings settings) {
        int probePort = settings.probePort();
        IssuanceStores stores = new IssuanceStores(redis.store.domains(), redis.store.certificates(),
                redis.store.challenges(), redis.store.locks(), orders, redis.store.rateLimiter(),
                redis.store.renewals(), redis.store.renewalFailures(),
                archive);
        // Test names are mapped to loopback, where the edge proxy listens.
        HttpRoutingProbe probe = new HttpRoutingProbe(redis.store.challenges(), probePort, Duration.ofSeconds(2),
                host -> List.of(InetAddress.getLoopbackAddress()));
        return new IssuanceService(stores, accounts, envelope, edge.publisher(), probe, Clock.systemUTC(), settings);
    }

    private static IssuanceRequest registered(String label) throws Exception {
        DomainName domain = PebbleCa.freshDomain(label);
        Instant now = Instant.now();
        assertThat(redis.store.domains().create(DomainRecord.register(domain, new TenantId("tenant-it"),
                OriginUrl.ofTrusted("https://origin.example.net"), now))).isTrue();
        return IssuanceRequest.first(domain, IssuanceRequest.Reason.REGISTERED, now);
    }

    @Test
    void issuesAStoresSealedAnnouncedAndScheduledCertificateForExactlyThatName() throws Exception {
        IssuanceRequest request = registered("issue");
        DomainName domain = request.domain();

        long started = System.nanoTime();
        Outcome outcome = service(LocalServices.http01Port()).handle(request);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("handle() -> %s for %s in %d ms%n", outcome.getClass().getSimpleName(), domain, millis);

        assertThat(outcome).isInstanceOf(Outcome.Issued.class);
        DomainRecord record = ((Outcome.Issued) outcome).record();
        assertThat(record.status()).isEqualTo(DomainStatus.ACTIVE);
        assertThat(record.reason()).isEmpty();
        CertificateSummary summary = record.certificate().orElseThrow();
        assertThat(record.renewAt()).contains(RenewalWindow.renewAt(summary.notBefore(), summary.notAfter()));
        assertThat(redis.store.domains().find(domain)).contains(record);

        StoredCertificate stored = redis.store.certificates().find(domain).orElseThrow();
        // The record of truth holds exactly what Redis holds, written before the record said active.
        assertThat(archive.find(domain)).contains(record);
        assertThat(archive.findCertificate(domain)).contains(stored);
        assertThat(archive.calls).containsExactly("putCertificate " + domain, "put " + domain + " active");
        List<X509Certificate> chain = Pem.parseChain(stored.chainPem());
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, domain.ascii()));
        assertThat(leaf.getSerialNumber().toString(16)).isEqualTo(summary.serial()).isEqualTo(stored.serial());
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(summary.notAfter());
        PebbleRoots.verify(chain);

        // The key opens only through the envelope, for this domain; Redis never saw it in clear.
        byte[] pkcs8 = envelope.open(stored.key(), domain);
        assertThat(AcmeKeys.fromPkcs8(pkcs8).getPublic().getEncoded()).isEqualTo(leaf.getPublicKey().getEncoded());
        String clearBase64 = Base64.getEncoder().encodeToString(pkcs8);
        assertThat(redis.dump().values()).allSatisfy(value -> assertThat(value)
                .doesNotContain("PRIVATE KEY").doesNotContain(clearBase64.substring(0, 40)));
        assertThat(redis.raw.hgetAll(redis.store.keys().certificate(domain)).toString())
                .doesNotContain("PRIVATE KEY");

        assertThat(redis.store.renewals().due(record.renewAt().get(), 10_000)).contains(domain);
        assertThat(redis.raw.zscore(redis.store.keys().renewals(), domain.ascii()))
                .isEqualTo((double) record.renewAt().get().toEpochMilli());
        assertThat(orders.created()).hasSize(1);
        assertThat(redis.store.orders().find(domain)).isEmpty();

        EdgeEvent event = edge.receive(domain);
        assertThat(event).isInstanceOfSatisfying(EdgeEvent.CertificateUpdated.class, e -> {
            assertThat(e.domain()).isEqualTo(domain);
            assertThat(e.serial()).isEqualTo(summary.serial());
        });

        // The same request again (a duplicate delivery) finds nothing to do.
        assertThat(service(LocalServices.http01Port()).handle(request)).isInstanceOf(Outcome.Skipped.class);
        assertThat(orders.created()).hasSize(1);
    }

    @Test
    void aNameWhoseEdgePortIsClosedIsPendingDnsWithoutAskingTheCa() throws Exception {
        IssuanceRequest request = registered("closed");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Outcome outcome = service(closedPort).handle(request);

        assertPendingDns(request, outcome, "refused");
    }

    @Test
    void aNameAnsweredByAnotherServerIsPendingDnsWithoutAskingTheCa() throws Exception {
        IssuanceRequest request = registered("wrong");
        HttpServer other = Edge.someoneElse();
        try {
            Outcome outcome = service(other.getAddress().getPort()).handle(request);

            assertPendingDns(request, outcome, "not with our challenge answer");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aNameThatNeverRoutesFailsAfterTheMaximumPendingTime() throws Exception {
        IssuanceRequest fresh = registered("never");
        IssuanceRequest old = new IssuanceRequest(fresh.domain(), IssuanceRequest.Reason.RETRY, 300,
                Instant.now().minus(Duration.ofHours(73)));
        HttpServer other = Edge.someoneElse();
        Outcome outcome;
        try {
            outcome = service(other.getAddress().getPort()).handle(old);
        } finally {
            other.stop(0);
        }

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("did not route to the edge within 72 hours").contains("register it again"));
        DomainRecord record = redis.store.domains().find(fresh.domain()).orElseThrow();
        assertThat(record.status()).isEqualTo(DomainStatus.FAILED);
        assertThat(record.reason()).contains(((Outcome.Failed) outcome).reason());
        assertThat(accounts.calls()).isZero();
    }

    @Test
    void anExhaustedOrderBudgetWaitsInTheQueueWithoutAskingTheCa() throws Exception {
        IssuanceRequest request = registered("budget");
        IssuanceSettings oneOrder = settings(LocalServices.http01Port()).withOrderBudget(1, Duration.ofHours(3));
        // Whatever this class ordered before, the window now holds at least the one order allowed.
        redis.store.rateLimiter().tryAcquire(oneOrder.orderBudgetBucket(), 1, Duration.ofHours(3), Instant.now());

        Outcome outcome = service(oneOrder).handle(request);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryLater.class, retry -> {
            assertThat(retry.why()).contains("budget of 1 new orders per 180 min is spent");
            assertThat(retry.delay()).isBetween(Duration.ofMinutes(170), Duration.ofHours(3));
            assertThat(retry.next()).isEqualTo(request);
        });
        assertThat(redis.store.domains().find(request.domain()).orElseThrow().status())
                .isEqualTo(DomainStatus.PENDING_DNS);
        assertThat(accounts.calls()).as("calls for the ACME account").isZero();
        assertThat(orders.created()).as("ACME orders").isEmpty();
    }

    private void assertPendingDns(IssuanceRequest request, Outcome outcome, String seen) throws Exception {
        String name = request.domain().ascii();
        assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryLater.class, retry -> {
            System.out.println("tenant sees: " + retry.why());
            assertThat(retry.why()).contains(name + " does not route to the edge yet").contains(seen)
                    .contains("CNAME record " + name + " -> edge.portico.test").contains("checks again automatically");
            assertThat(retry.delay()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(retry.next()).isEqualTo(request);
        });
        DomainRecord record = redis.store.domains().find(request.domain()).orElseThrow();
        assertThat(record.status()).isEqualTo(DomainStatus.PENDING_DNS);
        assertThat(record.reason()).contains(((Outcome.RetryLater) outcome).why());
        assertThat(accounts.calls()).as("calls for the ACME account").isZero();
        assertThat(orders.created()).as("ACME orders").isEmpty();
        assertThat(redis.allKeys()).noneMatch(k -> k.contains("acme:http01:"));
    }

    @Test
    void tenConcurrentRequestsForOneDomainMakeExactlyOneOrder() throws Exception {
        IssuanceRequest request = registered("race");
        IssuanceService service = service(LocalServices.http01Port());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return service.handle(request);
                }));
            }
            go.countDown();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> result : results) {
            outcomes.add(result.get());
        }
        System.out.println("outcomes: " + outcomes.stream().map(o -> o.getClass().getSimpleName()).toList());

        assertThat(outcomes).filteredOn(Outcome.Issued.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Outcome.Issued))
                .hasSize(9)
                .allSatisfy(o -> assertThat(o).isInstanceOfAny(Outcome.Skipped.class, Outcome.RetryLater.class));
        assertThat(orders.created()).as("ACME orders").hasSize(1);
        edge.receive(request.domain());
    }

    @Test
    void aRetryAfterACrashResumesTheSameOrder() throws Exception {
        IssuanceRequest request = registered("resume");
        IssuanceService service = service(LocalServices.http01Port());
        orders.crashAfterNextOrder();

        Outcome first = service.handle(request);

        assertThat(first).isInstanceOfSatisfying(Outcome.RetryLater.class, retry -> {
            assertThat(retry.why()).contains("simulated crash");
            assertThat(retry.next().attempt()).isEqualTo(2);
        });
        assertThat(orders.created()).hasSize(1);
        URI order = orders.created().get(0);
        assertThat(redis.store.orders().find(request.domain())).contains(order);

        Outcome second = service.handle(((Outcome.RetryLater) first).next());

        assertThat(second).isInstanceOf(Outcome.Issued.class);
        assertThat(orders.created()).as("ACME orders").containsExactly(order);
        assertThat(orders.found()).containsExactly(order);
        assertThat(redis.store.orders().find(request.domain())).isEmpty();
        edge.receive(request.domain());
    }
}
