package dev.portico.functions.issue;

import dev.portico.control.testing.MemoryRecordArchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeNetworkException;
import dev.portico.acme.AcmeSettings;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.aws.testing.EmulatorQueues;
import dev.portico.control.issuance.AccountKeys;
import dev.portico.control.issuance.AccountProvider;
import dev.portico.control.issuance.HttpRoutingProbe;
import dev.portico.control.issuance.IssuanceService;
import dev.portico.control.issuance.IssuanceSettings;
import dev.portico.control.issuance.IssuanceStores;
import dev.portico.control.issuance.RetrySchedule;
import dev.portico.control.issuance.RoutingProbe;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.edge.EdgeProxyConfig;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.store.redis.RedisStore;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.LocalServices;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The handler fed the sample events, over the real service: Redis under a key prefix of its own, the emulator's SQS
 * as the issuance queue, and, end to end, the local Pebble validating against the real edge proxy.
 */
class IssueCertificateHandlerIT {
    private static final String EVENTS = "events/issue-certificate/";
    private static final DomainName SHOP = DomainName.ofTrusted("shop.example.org");

    private static SharedRedis redis;
    private static SqsClient sqs;
    private static String queueUrl;
    private static KeyEnvelope envelope;

    @BeforeAll
    static void start() throws Exception {
        redis = SharedRedis.open();
        sqs = EmulatorClients.create().sqs();
        queueUrl = sqs.createQueue(r -> r.queueName("issuance-" + UUID.randomUUID().toString().substring(0, 8)))
                .queueUrl();
        envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(
                Files.createTempDirectory("issue-it").resolve("master.key")));
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
            sqs.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void register(DomainName domain) throws Exception {
        redis.store.domains().remove(domain);
        assertThat(redis.store.domains().create(DomainRecord.register(domain, new TenantId("tenant-it"),
                OriginUrl.ofTrusted("https://origin.example.net"), Instant.now()))).isTrue();
    }

    private static IssuanceService service(AccountProvider accounts, RoutingProbe probe, IssuanceSettings settings) {
        RedisStore store = redis.store;
        IssuanceStores stores = new IssuanceStores(store.domains(), store.certificates(), store.challenges(),
                store.locks(), store.orders(), store.rateLimiter(), store.renewals(), store.renewalFailures(),
                new MemoryRecordArchive());
        return new IssuanceService(stores, accounts, envelope, event -> "unpublished", probe, Clock.systemUTC(),
                settings);
    }

    @ParameterizedTest
    @Event(value = EVENTS + "retry-attempt-3.json", type = SQSEvent.class)
    void aCaOutageSendsTheNextAttemptBackOnTheQueueWithItsDelay(SQSEvent event) throws Exception {
        register(SHOP);
        URI directory = URI.create("https://ca.invalid/dir");
        AccountProvider down = () -> {
            throw new AcmeNetworkException(directory, new ConnectException("Connection refused"));
        };
        // A one-second base, no jitter: attempt 3 waits 2 s, short enough to watch the delay pass.
        IssuanceSettings settings = IssuanceSettings.defaults(directory, "portico.test")
                .withRetries(10, new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(15), () -> 0.0));
        RoutingProbe routed = domain -> RoutingProbe.Result.routed("stub");
        IssueCertificateHandler handler = new IssueCertificateHandler(service(down, routed, settings),
                new SqsIssuanceQueue(sqs, queueUrl));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).as("the message is consumed").isEmpty();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(0)).messages())
                .as("delayed, not visible at once").isEmpty();
        Message next = EmulatorQueues.receive(sqs, queueUrl);
        IssuanceRequest request = IssuanceRequestCodec.decode(next.body());
        assertThat(request.domain()).isEqualTo(SHOP);
        assertThat(request.attempt()).isEqualTo(4);
        assertThat(request.reason()).isEqualTo(IssuanceRequest.Reason.RETRY);
        assertThat(request.firstAsked()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
        assertThat(redis.store.domains().find(SHOP).orElseThrow().status()).isEqualTo(DomainStatus.PENDING_DNS);
    }

    @ParameterizedTest
    @Event(value = EVENTS + "registered.json", type = SQSEvent.class)
    void aRegisteredDomainIsIssuedEndToEnd(SQSEvent event) throws Exception {
        register(SHOP);
        AcmeSettings acme = AcmeSettings.forDirectory(LocalServices.acmeDirectory())
                .withTrustedCa(LocalServices.acmeServerCa()).withPollBound(Duration.ofSeconds(30));
        int port = LocalServices.http01Port();
        IssuanceSettings settings = IssuanceSettings.defaults(acme.directory(), "portico.test")
                .withProbe(port, Duration.ofSeconds(2));
        try (AcmeClient client = AcmeClient.create(acme);
                EdgeProxyServer edge = new EdgeProxyServer(EdgeProxyConfig.defaults()
                        .withListener(InetAddress.getLoopbackAddress(), port), redis.store.challenges())) {
            edge.start();
            IssueCertificateHandler handler = new IssueCertificateHandler(service(
                    new AccountKeys(client, redis.store.accountKeys(), envelope),
                    new HttpRoutingProbe(redis.store.challenges(), port, Duration.ofSeconds(2),
                            host -> List.of(InetAddress.getLoopbackAddress())), settings),
                    new SqsIssuanceQueue(sqs, queueUrl));

            SQSBatchResponse response = handler.handleRequest(event, null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(redis.store.domains().find(SHOP).orElseThrow().status()).isEqualTo(DomainStatus.ACTIVE);
            assertThat(redis.store.certificates().find(SHOP)).isPresent();
        }
    }
}
