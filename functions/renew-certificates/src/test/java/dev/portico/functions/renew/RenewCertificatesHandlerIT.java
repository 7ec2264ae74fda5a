package dev.portico.functions.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.control.reconcile.Reconciler;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.control.testing.MemoryRecordArchive;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.control.renewal.RenewalSettings;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The function's entry point fed the sample events of events/renew-certificates, over the real Redis. */
class RenewCertificatesHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    private SharedRedis redis;
    private final List<IssuanceRequest> enqueued = new CopyOnWriteArrayList<>();
    private final List<String> metricLines = new ArrayList<>();
    private RenewCertificatesHandler handler;
    private Reconciler reconciler;
    private final MemoryRecordArchive archive = new MemoryRecordArchive();
    private DomainName due;

    @BeforeEach
    void start() throws Exception {
        redis = SharedRedis.open();
        due = DomainName.ofTrusted("due-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com");
        Instant notAfter = NOW.plus(Duration.ofDays(5));
        redis.store.domains().create(DomainRecord.register(due, new TenantId("tenant-h"),
                OriginUrl.ofTrusted("https://origin.example.net"), NOW).withCertificate(
                new CertificateSummary("0a", notAfter.minus(Duration.ofDays(90)), notAfter), NOW.minusSeconds(5),
                NOW));
        redis.store.renewals().schedule(due, NOW.minusSeconds(5));
        archive.put(redis.store.domains().find(due).orElseThrow());
        redis.store.renewals().recordExpiry(due, notAfter);
        IssuanceQueue queue = new IssuanceQueue() {
            @Override
            public void enqueue(IssuanceRequest request, Duration delay) {
                enqueued.add(request);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofMinutes(15);
            }
        };
        RenewalScheduler scheduler = new RenewalScheduler(redis.store.domains(), redis.store.certificates(),
                redis.store.renewals(), redis.store.renewalFailures(), queue, certificate -> Optional.empty(),
                new MutableClock(NOW), RenewalSettings.defaults(), () -> 0.5);
        reconciler = new Reconciler(archive, redis.store.domains(), redis.store.certificates(),
                redis.store.renewals(), redis.store.reconcileMarker(), queue, new MutableClock(NOW),
                Reconciler.DEFAULT_PAGE_SIZE);
        handler = new RenewCertificatesHandler(scheduler, reconciler, new RenewalMetrics("portico-test",
                metricLines::add, new MutableClock(NOW)));
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled.json", "renew.json"})
    void theScheduleAndADirectInvocationRunTheSameRenewal(String event) throws Exception {
        JsonNode answer = invoke(sample(event));

        assertThat(answer.get("enqueued").asInt()).isEqualTo(1);
        assertThat(enqueued).extracting(IssuanceRequest::domain).containsExactly(due);
        assertThat(enqueued.getFirst().reason()).isEqualTo(IssuanceRequest.Reason.RENEWAL);
        assertThat(answer.at("/certificatesByDaysToExpiry/0-7").asLong()).isEqualTo(1);
        assertThat(metricLines).anySatisfy(line -> assertThat(JSON.readTree(line)
                .get("CertificatesExpiringWithin7Days").asLong()).isEqualTo(1));
    }

    @Test
    void theScheduleRebuildsAStoreThatLostItsDataBeforeRenewing() throws Exception {
        // The store never reconciled (a new cluster, a flush): the schedule's first step restores it.
        redis.store.domains().remove(due);
        JsonNode answer = invoke(sample("scheduled.json"));
        assertThat(answer.at("/reconciled/domainsRestored").asInt()).isEqualTo(1);
        assertThat(redis.store.domains().find(due)).isPresent();

        // Marked whole now: the next run only renews.
        assertThat(invoke(sample("scheduled.json")).has("reconciled")).isFalse();
    }

    @Test
    void reconcileOnDemandDirectlyAndThroughTheApi() throws Exception {
        redis.store.domains().remove(due);
        JsonNode direct = invoke(sample("reconcile.json"));
        assertThat(direct.get("domainsRestored").asInt()).isEqualTo(1);
        assertThat(direct.get("completed").asBoolean()).isTrue();

        JsonNode api = invoke(sample("reconcile-api.json"));
        assertThat(api.get("statusCode").asInt()).isEqualTo(200);
        JsonNode body = JSON.readTree(api.get("body").asText());
        assertThat(body.get("unchanged").asInt()).isEqualTo(1);
        assertThat(body.get("domainsRestored").asInt()).isZero();

        // Only POST: a GET (a crawler, a typo) is told so and reconciles nothing.
        String get = new String(sample("reconcile-api.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"method\": \"POST\"", "\"method\": \"GET\"");
        JsonNode refused = invoke(get.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.get("statusCode").asInt()).isEqualTo(405);
        assertThat(refused.at("/headers/allow").asText()).isEqualTo("POST");
        assertThat(JSON.readTree(refused.get("body").asText()).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void anUnknownEventIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> invoke("{\"action\":\"purge\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{\"action\": \"renew\"}")
                .hasMessageContaining("{\"action\": \"reconcile\"}");
        assertThatThrownBy(() -> invoke("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThat(enqueued).isEmpty();
    }

    @Test
    void settingsNameTheVariableThatIsWrong() {
        assertThatThrownBy(() -> RenewCertificatesSettings.fromEnvironment(name -> null))
                .hasMessageContaining("ISSUANCE_QUEUE_URL");
        assertThatThrownBy(() -> RenewCertificatesSettings.fromEnvironment(name -> switch (name) {
            case "ISSUANCE_QUEUE_URL" -> "http://127.0.0.1:4566/000000000000/q";
            case "PORTICO_RENEWAL_SPREAD_SECONDS" -> "3600";
            default -> null;
        })).hasMessageContaining("PORTICO_RENEWAL_SPREAD_SECONDS");
    }

    private JsonNode invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static byte[] sample(String name) throws Exception {
        try (InputStream in = RenewCertificatesHandlerIT.class.getResourceAsStream("/events/renew-certificates/"
                + name)) {
            return in.readAllBytes();
        }
    }
}
