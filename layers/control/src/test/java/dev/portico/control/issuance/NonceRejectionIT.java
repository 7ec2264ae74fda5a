package dev.portico.control.issuance;

import dev.portico.control.testing.MemoryRecordArchive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.acme.AcmeClient;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.PebbleRoots;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA that rejects good nonces (Pebble's {@code PEBBLE_WFE_NONCEREJECT}), on a Pebble of this class's own: acme4j
 * absorbs 50%; at 90% the service backs off by the schedule, never in a tight loop, and succeeds once the CA behaves.
 */
class NonceRejectionIT {
    /** Not the shared 5002: this Pebble validates against this class's own edge proxy. */
    private static final int RESPONDER_PORT = 5003;
    /** Deterministic jitter (the middle of each step) so the delays can be asserted exactly. */
    private static final RetrySchedule SCHEDULE = new RetrySchedule(RetrySchedule.DEFAULT_BASE,
            RetrySchedule.DEFAULT_CAP, () -> 0.5);

    @TempDir
    static Path dir;
    private static SharedRedis redis;
    private static EdgeProxyServer edgeProxy;
    private static KeyEnvelope envelope;

    @BeforeAll
    static void start() throws Exception {
        redis = SharedRedis.open(settings -> settings.withPoolSize(32));
        edgeProxy = Edge.proxy(RESPONDER_PORT, redis.store.challenges());
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
    }

    @AfterAll
    static void stop() {
        if (edgeProxy != null) {
            edgeProxy.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** One function instance: its own ACME client (cold start), the shared stores. */
    private record Instance(AcmeClient client, IssuanceService service) implements AutoCloseable {
        static Instance against(PebbleProcess pebble) throws Exception {
            AcmeClient client = AcmeClient.create(PebbleCa.settings(pebble.directory()));
            IssuanceStores stores = new IssuanceStores(redis.store.domains(), redis.store.certificates(),
                    redis.store.challenges(), redis.store.locks(), redis.store.orders(), redis.store.rateLimiter(),
                    redis.store.renewals(), redis.store.renewalFailures(),
                    new MemoryRecordArchive());
            IssuanceSettings settings = IssuanceSettings.defaults(pebble.directory(), "portico.test")
                    .withPollBound(Duration.ofSeconds(20)).withProbe(RESPONDER_PORT, Duration.ofSeconds(2))
                    .withRetries(10, SCHEDULE);
            HttpRoutingProbe probe = new HttpRoutingProbe(redis.store.challenges(), RESPONDER_PORT,
                    Duration.ofSeconds(2), host -> List.of(InetAddress.getLoopbackAddress()));
            return new Instance(client, new IssuanceService(stores,
                    new AccountKeys(client, redis.store.accountKeys(), envelope), envelope,
                    event -> "not-published-" + event.id(), probe, Clock.systemUTC(), settings));
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static IssuanceRequest registered(String label) throws Exception {
        DomainName domain = PebbleCa.freshDomain(label);
        Instant now = Instant.now();
        redis.store.domains().create(DomainRecord.register(domain, new TenantId("tenant-it"),
                OriginUrl.ofTrusted("https://origin.example.net"), now));
        return IssuanceRequest.first(domain, IssuanceRequest.Reason.REGISTERED, now);
    }

    @Test
    void halfOfTheNoncesRejectedStillIssues() throws Exception {
        try (PebbleProcess pebble = PebbleProcess.start(RESPONDER_PORT, 50, dir);
                Instance instance = Instance.against(pebble)) {
            IssuanceRequest request = registered("nonce50");
            Outcome outcome = instance.service().handle(request);
            // acme4j retries a rejected nonce ten times; losing all ten (0.1% per request) is a retry, not a failure.
            for (int retries = 0; outcome instanceof Outcome.RetryLater retry && retries < 2; retries++) {
                System.out.println("at 50%: " + retry.why());
                assertThat(retry.delay()).isEqualTo(SCHEDULE.delay(retry.next().attempt() - 1));
                outcome = instance.service().handle(retry.next());
            }

            assertThat(outcome).isInstanceOf(Outcome.Issued.class);
            PebbleRoots.verify(Pem.parseChain(redis.store.certificates().find(request.domain()).orElseThrow()
                    .chainPem()), pebble.management());
        }
    }

    @Test
    void ninetyPercentBacksOffWithGrowingDelaysAndSucceedsOnceTheCaBehaves() throws Exception {
        IssuanceRequest request;
        List<Duration> delays = new ArrayList<>();
        try (PebbleProcess pebble = PebbleProcess.start(RESPONDER_PORT, 90, dir);
                Instance instance = Instance.against(pebble)) {
            // A whole order needs about ten requests to get through; at 90% that rarely happens, but it may: then
            // another domain shows the backoff.
            request = registered("nonce90");
            for (int tries = 0; delays.size() < 3 && tries < 12; tries++) {
                Outcome outcome = instance.service().handle(request);
                if (outcome instanceof Outcome.Issued) {
                    System.out.println("at 90% an issuance got through; starting over with another domain");
                    request = registered("nonce90");
                    delays.clear();
                    continue;
                }
                assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
                Outcome.RetryLater retry = (Outcome.RetryLater) outcome;
                System.out.println("at 90%, attempt " + request.attempt() + ": retry in " + retry.delay() + ": "
                        + retry.why());
                assertThat(retry.next().attempt()).isEqualTo(request.attempt() + 1);
                assertThat(retry.why()).containsIgnoringCase("nonce");
                delays.add(retry.delay());
                request = retry.next();
            }
        }
        assertThat(delays).containsExactly(Duration.ofMillis(22_500), Duration.ofSeconds(45), Duration.ofSeconds(90));

        // The CA restarts well-behaved (and, being Pebble, having forgotten every account and order).
        try (PebbleProcess pebble = PebbleProcess.start(RESPONDER_PORT, 0, dir);
                Instance instance = Instance.against(pebble)) {
            Outcome outcome = instance.service().handle(request);

            assertThat(outcome).isInstanceOf(Outcome.Issued.class);
            PebbleRoots.verify(Pem.parseChain(redis.store.certificates().find(request.domain()).orElseThrow()
                    .chainPem()), pebble.management());
        }
    }
}
