package dev.portico.functions.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.aws.AwsClients;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.aws.testing.EdgeEventsQueue;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent.PurgeScope;
import dev.portico.core.event.EdgeEvent;
import dev.portico.store.redis.testing.SharedRedis;
import dev.portico.testkit.LocalServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function wired from its environment as Lambda wires it, against the real Redis of {@code local/services} and
 * the emulator's SNS: what an edge proxy's queue receives decodes to exactly the purge the caller was told about.
 */
class PurgeCacheIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final DomainName shop = DomainName.ofTrusted("shop-" + suffix + ".example.com");
    private final DomainName theirs = DomainName.ofTrusted("theirs-" + suffix + ".example.com");
    private SharedRedis redis;
    private EdgeEventsQueue proxy;
    private PurgeCacheHandler handler;

    @BeforeEach
    void start() throws Exception {
        redis = SharedRedis.open();
        proxy = EdgeEventsQueue.create();
        Instant now = Instant.now();
        redis.store.domains().create(DomainRecord.register(shop, new TenantId("acme"),
                OriginUrl.ofTrusted("https://origin.example.net"), now));
        redis.store.domains().create(DomainRecord.register(theirs, new TenantId("globex"),
                OriginUrl.ofTrusted("https://origin.example.net"), now));
        // What template.yaml gives the function, pointed at the local services.
        Map<String, String> env = Map.of(
                "PORTICO_REDIS_URL", LocalServices.redisUri().toString(),
                "PORTICO_REDIS_KEY_PREFIX", redis.keys.prefix(),
                "EDGE_EVENTS_TOPIC_ARN", proxy.topicArn(),
                "AWS_ENDPOINT_URL", LocalServices.awsEndpoint().toString(),
                "AWS_REGION", LocalServices.awsRegion(),
                "AWS_ACCESS_KEY_ID", LocalServices.get("AWS_ACCESS_KEY_ID"),
                "AWS_SECRET_ACCESS_KEY", LocalServices.get("AWS_SECRET_ACCESS_KEY"));
        handler = new PurgeCacheHandler(env::get);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aPurgeThroughTheApiReachesTheProxysQueueAsThePurgeAnswered() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/purge-cache/purge-api-url.json");
        event.setBody(event.getBody().replace("shop.example.com", shop.ascii()));

        APIGatewayV2HTTPResponse response = handler.handleApiRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.getBody());
        EdgeEvent received = proxy.receive(shop);
        assertThat(received).isInstanceOfSatisfying(EdgeEvent.Purge.class, purge -> {
            assertThat(purge.id()).isEqualTo(body.get("eventId").asText());
            assertThat(purge.domain()).isEqualTo(shop);
            assertThat(purge.tenant()).isEqualTo(new TenantId("acme"));
            assertThat(purge.scope()).isEqualTo(PurgeScope.URL);
            assertThat(purge.value()).isEqualTo("/products/42?color=red");
            assertThat(purge.at()).isEqualTo(Instant.parse(body.get("publishedAt").asText()));
        });
        assertThat(body.get("messageId").asText()).isNotBlank();
    }

    @Test
    void aRefusedPurgePublishesNothingAndTheNextAllowedOneIsWhatTheProxySees() throws Exception {
        JsonNode refused = JSON.readTree(apiBody(handler.handleApiRequest(purgeEvent(theirs, "prefix", "/"), null), 403));
        assertThat(refused.get("error").asText()).isEqualTo("not_owner");
        apiBody(handler.handleApiRequest(purgeEvent(DomainName.ofTrusted("nobody-" + suffix + ".example.com"),
                "host", null), null), 404);

        // A direct invocation, as `sam remote invoke --event-file events/purge-cache/purge-tag.json` sends it.
        String direct = "{\"tenant\":\"acme\",\"domain\":\"" + shop.ascii() + "\",\"scope\":\"tag\","
                + "\"value\":\"product-42\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(direct.getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode answer = JSON.readTree(out.toByteArray());

        // Events about every domain of this test's topic: the first one is the allowed purge, so the refused ones
        // were never published.
        EdgeEvent first = proxy.receive(e -> true);
        assertThat(first).isEqualTo(new EdgeEvent.Purge(answer.get("eventId").asText(), shop,
                new TenantId("acme"), PurgeScope.TAG, "product-42", Instant.parse(answer.get("publishedAt").asText())));
    }

    private static APIGatewayV2HTTPEvent purgeEvent(DomainName domain, String scope, String value) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/purge-cache/purge-api-url.json");
        var body = JSON.createObjectNode().put("tenant", "acme").put("domain", domain.ascii()).put("scope", scope);
        if (value != null) {
            body.put("value", value);
        }
        event.setBody(body.toString());
        return event;
    }

    private static String apiBody(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return response.getBody();
    }

    @Test
    void theScheduleRemovesTheQueuesOfProxiesThatAreGone() throws Exception {
        AwsClients aws = EmulatorClients.create();
        try (SqsEdgeEventSource live = SqsEdgeEventSource.open(aws, proxy.topicArn(), "live-" + suffix);
                SqsEdgeEventSource gone = SqsEdgeEventSource.open(aws, proxy.topicArn(), "gone-" + suffix)) {
            aws.sqs().tagQueue(r -> r.queueUrl(gone.describe()).tags(Map.of(SqsEdgeEventSource.HEARTBEAT_TAG,
                    Long.toString(Instant.now().minus(java.time.Duration.ofHours(2)).getEpochSecond()))));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            handler.handleRequest(new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(
                    LocalServices.repoRoot().resolve("events/purge-cache/clean-up-schedule.json"))), out, null);

            JsonNode answer = JSON.readTree(out.toByteArray());
            assertThat(answer.path("removed").toString()).contains(gone.describe()).doesNotContain(live.describe());
            assertThat(answer.path("failed").asInt()).isZero();
        }
    }
}
