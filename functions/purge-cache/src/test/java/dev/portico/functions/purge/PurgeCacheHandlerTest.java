package dev.portico.functions.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEvent.PurgeScope;
import dev.portico.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler fed the sample events of {@code events/purge-cache}: the API Gateway event through the typed API entry
 * and through the stream entry Lambda calls, the direct-invocation events through the stream entry, both over an
 * in-memory store and publisher.
 */
class PurgeCacheHandlerTest {
    private static final String EVENTS = "events/purge-cache/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T18:05:00.250Z");

    private final Fakes.Domains domains = new Fakes.Domains().register("shop.example.com", "acme")
            .register("other.example.com", "globex");
    private final Fakes.Publisher publisher = new Fakes.Publisher();
    private final PurgeCacheHandler handler = new PurgeCacheHandler(
            new PurgeService(domains, publisher, new MutableClock(NOW)));

    // ---------------------------------------------------------------- API Gateway (POST /purge)

    @ParameterizedTest
    @Event(value = EVENTS + "purge-api-url.json", type = APIGatewayV2HTTPEvent.class)
    void postPurgeAnswers202WithWhatWasPublished(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleApiRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("cache-control", "no-store");
        EdgeEvent.Purge published = (EdgeEvent.Purge) publisher.published.getFirst();
        assertThat(published.scope()).isEqualTo(PurgeScope.URL);
        assertThat(published.value()).isEqualTo("/products/42?color=red");
        JsonNode body = body(response);
        assertThat(body.get("eventId").asText()).isEqualTo(published.id());
        assertThat(body.get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(body.get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("scope").asText()).isEqualTo("url");
        assertThat(body.get("value").asText()).isEqualTo("/products/42?color=red");
        assertThat(body.get("publishedAt").asText()).isEqualTo("2026-11-23T18:05:00.250Z");
        assertThat(body.get("messageId").asText()).isEqualTo("msg-1");
    }

    @Test
    void theApiEventThroughTheStreamEntryIsAnsweredInApiGatewaysResponseShape() throws Exception {
        JsonNode response = invoke(resource("purge-api-url.json"));

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(202);
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode body = JSON.readTree(response.get("body").asText());
        assertThat(body.get("scope").asText()).isEqualTo("url");
        assertThat(body.get("eventId").asText()).isEqualTo(publisher.published.getFirst().id());
    }

    @Test
    void theStreamEntryReadsTheApiEventAsLambdasOwnDeserializerDoes() throws Exception {
        APIGatewayV2HTTPEvent expected = EventLoader.loadApiGatewayHttpEvent(EVENTS + "purge-api-url.json");
        APIGatewayV2HTTPEvent read = new ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(resource("purge-api-url.json"), APIGatewayV2HTTPEvent.class);

        assertThat(read).usingRecursiveComparison().isEqualTo(expected);
    }

    @ParameterizedTest
    @Event(value = EVENTS + "purge-api-url.json", type = APIGatewayV2HTTPEvent.class)
    void theApiSampleIsShapedAsApiGatewaySendsIt(APIGatewayV2HTTPEvent event) {
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /purge").isEqualTo(event.getRequestContext().getRouteKey());
        assertThat(event.getRawPath()).isEqualTo("/purge").isEqualTo(event.getRequestContext().getHttp().getPath());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn()).startsWith("arn:aws:iam::");
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getHeaders().get("content-length"))
                .isEqualTo(Integer.toString(event.getBody().getBytes(StandardCharsets.UTF_8).length));
    }

    /** A change to the sample -> status, error code, field; nothing is published for any of them. */
    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                api("another tenant's domain", withBody(body("acme", "other.example.com", "host", null)),
                        403, "not_owner", "tenant"),
                api("an unregistered domain", withBody(body("acme", "nobody.example.com", "host", null)),
                        404, "domain_not_found", "domain"),
                api("a scope that is not one of the four", withBody(body("acme", "shop.example.com", "all", null)),
                        400, "invalid_scope", "scope"),
                api("a url that is not a path", withBody(body("acme", "shop.example.com", "url", "index.html")),
                        400, "value_not_a_path", "value"),
                api("a tag with a space", withBody(body("acme", "shop.example.com", "tag", "a b")),
                        400, "value_invalid_characters", "value"),
                api("a host purge with a value", withBody(body("acme", "shop.example.com", "host", "/")),
                        400, "value_not_allowed", "value"),
                api("a domain that is a URL", withBody(body("acme", "https://shop.example.com", "host", null)),
                        400, "looks_like_url", "domain"),
                api("an invalid tenant", withBody(body("ac me", "shop.example.com", "host", null)),
                        400, "tenant_invalid_characters", "tenant"),
                api("an unknown field", withBody("{\"tenant\":\"acme\",\"domain\":\"shop.example.com\","
                        + "\"scope\":\"host\",\"origin\":\"x\"}"), 400, "unknown_field", "origin"),
                api("a missing field", withBody("{\"tenant\":\"acme\",\"scope\":\"host\"}"),
                        400, "missing_field", "domain"),
                api("a number for a string", withBody("{\"tenant\":\"acme\",\"domain\":\"shop.example.com\","
                        + "\"scope\":\"tag\",\"value\":42}"), 400, "wrong_type", "value"),
                api("a field twice", withBody("{\"tenant\":\"acme\",\"tenant\":\"globex\","
                        + "\"domain\":\"other.example.com\",\"scope\":\"host\"}"), 400, "invalid_json", "body"),
                api("an array", withBody("[]"), 400, "not_an_object", "body"),
                api("not JSON", withBody("tenant=acme"), 400, "invalid_json", "body"),
                api("trailing content", withBody("{\"tenant\":\"acme\",\"domain\":\"shop.example.com\","
                        + "\"scope\":\"host\"} {}"), 400, "invalid_json", "body"),
                api("no body", withBody(null), 400, "body_missing", "body"),
                api("a query parameter", e -> e.setRawQueryString("tenant=acme"), 400, "unknown_parameter", "tenant"),
                api("text/plain", e -> e.getHeaders().put("content-type", "text/plain"),
                        415, "unsupported_media_type", "content-type"),
                api("no content type", e -> e.getHeaders().remove("content-type"),
                        415, "unsupported_media_type", "content-type"),
                api("a body over 16 KiB", withBody("{\"tenant\":\"" + "a".repeat(17_000) + "\"}"),
                        413, "body_too_large", "body"),
                api("invalid base64", e -> {
                    e.setBody("not base64!");
                    e.setIsBase64Encoded(true);
                }, 400, "invalid_base64", "body"),
                api("bytes that are not UTF-8", e -> {
                    e.setBody(Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xC3, '}'}));
                    e.setIsBase64Encoded(true);
                }, 400, "invalid_utf8", "body"),
                api("GET on a catch-all route", e -> {
                    e.setRouteKey("$default");
                    e.getRequestContext().getHttp().setMethod("GET");
                }, 405, "method_not_allowed", null),
                api("another path on a catch-all route", e -> {
                    e.setRouteKey("$default");
                    e.setRawPath("/purge/all");
                }, 404, "route_not_found", null));
    }

    private interface Change {
        void apply(APIGatewayV2HTTPEvent event);
    }

    private static Arguments api(String what, Change change, int status, String code, String field) {
        return Arguments.of(what, change, status, code, field);
    }

    private static Change withBody(String body) {
        return e -> e.setBody(body);
    }

    private static String body(String tenant, String domain, String scope, String value) {
        ObjectNode node = JSON.createObjectNode().put("tenant", tenant).put("domain", domain).put("scope", scope);
        if (value != null) {
            node.put("value", value);
        }
        return node.toString();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2} {3}")
    @MethodSource("refusedRequests")
    void aRefusedRequestIsAJsonErrorAndPublishesNothing(String what, Change change, int status, String code,
            String field) {
        APIGatewayV2HTTPEvent event = sample();
        change.apply(event);

        APIGatewayV2HTTPResponse response = handler.handleApiRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode body = body(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.has("field")).isTrue();
        assertThat(body.get("field").isNull() ? null : body.get("field").asText()).isEqualTo(field);
        assertThat(publisher.published).isEmpty();
        if (status == 405) {
            assertThat(response.getHeaders()).containsEntry("allow", "POST");
        }
    }

    @Test
    void outagesAre503WithRetryAfterAndNameNoInternalEndpoint() {
        domains.down = true;
        APIGatewayV2HTTPResponse store = handler.handleApiRequest(sample(), null);
        domains.down = false;
        publisher.down = true;
        APIGatewayV2HTTPResponse topic = handler.handleApiRequest(sample(), null);

        assertThat(store.getStatusCode()).isEqualTo(503);
        assertThat(body(store).get("error").asText()).isEqualTo("store_unavailable");
        assertThat(topic.getStatusCode()).isEqualTo(503);
        assertThat(body(topic).get("error").asText()).isEqualTo("publish_failed");
        for (APIGatewayV2HTTPResponse response : List.of(store, topic)) {
            assertThat(response.getHeaders()).containsEntry("retry-after", "5");
            assertThat(response.getBody()).doesNotContain("10.0.3.7").doesNotContain("arn:aws:sns");
        }
    }

    @Test
    void anApiEventOfPayloadVersion1Is500() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("purge-api-url.json"));
        event.put("version", "1.0");

        JsonNode response = invoke(JSON.writeValueAsBytes(event));

        assertThat(response.get("statusCode").asInt()).isEqualTo(500);
        assertThat(JSON.readTree(response.get("body").asText()).get("message").asText()).contains("2.0");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void oneJsonLogLinePerRequestWithItsFields() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            handler.handleApiRequest(sample(), null);
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = captured.toString(StandardCharsets.UTF_8).lines().map(PurgeCacheHandlerTest::json)
                .filter(line -> line.path("logger").asText().equals("dev.portico.functions.purge.requests")).toList();

        assertThat(lines).hasSize(1);
        JsonNode line = lines.getFirst();
        assertThat(line.get("source").asText()).isEqualTo("api");
        assertThat(line.get("status").asText()).isEqualTo("202");
        assertThat(line.get("request_id").asText()).isEqualTo("Vq1dKhMPoAMEbYw=");
        assertThat(line.get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(line.get("tenant").asText()).isEqualTo("acme");
        assertThat(line.get("scope").asText()).isEqualTo("url");
        assertThat(line.get("event_id").asText()).isEqualTo(publisher.published.getFirst().id());
        assertThat(line.get("level").asText()).isEqualTo("INFO");
    }

    // ---------------------------------------------------------------- direct invocation (sam remote invoke)

    @ParameterizedTest
    @Events(events = {
            @Event(value = EVENTS + "purge-host.json", type = Map.class),
            @Event(value = EVENTS + "purge-url.json", type = Map.class),
            @Event(value = EVENTS + "purge-prefix.json", type = Map.class),
            @Event(value = EVENTS + "purge-tag.json", type = Map.class)},
            type = Map.class)
    void aDirectInvocationAnswersWhatWasPublished(Map<String, Object> payload) throws Exception {
        JsonNode answer = invoke(JSON.writeValueAsBytes(payload));

        EdgeEvent.Purge published = (EdgeEvent.Purge) publisher.published.getFirst();
        assertThat(publisher.published).hasSize(1);
        assertThat(published.scope().name().toLowerCase()).isEqualTo(payload.get("scope"));
        assertThat(published.value()).isEqualTo(payload.getOrDefault("value", ""));
        assertThat(answer.get("eventId").asText()).isEqualTo(published.id());
        assertThat(answer.get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(answer.get("tenant").asText()).isEqualTo("acme");
        assertThat(answer.get("scope").asText()).isEqualTo(payload.get("scope"));
        assertThat(answer.get("value").asText()).isEqualTo(published.value());
        assertThat(answer.get("publishedAt").asText()).isEqualTo("2026-11-23T18:05:00.250Z");
        assertThat(answer.has("statusCode")).isFalse();
    }

    @Test
    void theDirectSamplesCoverEveryScopeOfTheOneSampleDomain() throws Exception {
        Map<String, String> scopes = new HashMap<>();
        for (String name : List.of("host", "url", "prefix", "tag")) {
            JsonNode sample = JSON.readTree(resource("purge-" + name + ".json"));
            assertThat(sample.get("domain").asText()).isEqualTo("shop.example.com");
            scopes.put(name, sample.get("scope").asText());
        }
        assertThat(scopes).containsEntry("host", "host").containsEntry("url", "url")
                .containsEntry("prefix", "prefix").containsEntry("tag", "tag");
    }

    @Test
    void aRefusedDirectInvocationThrowsWithTheCodeAndFieldAndPublishesNothing() {
        assertThatThrownBy(() -> invoke("{\"tenant\":\"acme\",\"domain\":\"shop.example.com\",\"scope\":\"all\"}"))
                .isInstanceOfSatisfying(PurgeRejectedException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("invalid_scope");
                    assertThat(e.getField()).isEqualTo("scope");
                    assertThat(e.getMessage()).startsWith("invalid_scope (scope): ");
                });
        assertThatThrownBy(() -> invoke("{\"tenant\":\"acme\",\"domain\":\"other.example.com\",\"scope\":\"host\"}"))
                .isInstanceOfSatisfying(PurgeRejectedException.class,
                        e -> assertThat(e.getCode()).isEqualTo("not_owner"));
        assertThatThrownBy(() -> invoke("{\"tenant\":\"acme\",\"domain\":\"nobody.example.com\",\"scope\":\"host\"}"))
                .isInstanceOfSatisfying(PurgeRejectedException.class,
                        e -> assertThat(e.getCode()).isEqualTo("domain_not_found"));
        assertThatThrownBy(() -> invoke("{\"tenant\":\"acme\",\"domain\":\"shop.example.com\",\"scope\":\"host\","
                + "\"body\":\"{}\"}"))
                .isInstanceOfSatisfying(PurgeRejectedException.class,
                        e -> assertThat(e.getCode()).isEqualTo("unknown_field"));
        assertThatThrownBy(() -> invoke("\"purge everything\""))
                .isInstanceOfSatisfying(PurgeRejectedException.class,
                        e -> assertThat(e.getCode()).isEqualTo("not_an_object"));
        assertThatThrownBy(() -> invoke("{not json"))
                .isInstanceOfSatisfying(PurgeRejectedException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_json"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aDirectInvocationDuringAnOutageThrowsARetryableFailure() {
        publisher.down = true;

        assertThatThrownBy(() -> invoke(resource("purge-host.json")))
                .isInstanceOfSatisfying(PurgeFailedException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("publish_failed");
                    assertThat(e.getMessage()).contains("invoke again");
                });
    }

    // ---------------------------------------------------------------- helpers

    private static APIGatewayV2HTTPEvent sample() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + "purge-api-url.json");
        event.setHeaders(new HashMap<>(event.getHeaders()));
        return event;
    }

    private JsonNode invoke(String payload) throws IOException {
        return invoke(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** As Lambda calls the function: the event's bytes in, the answer's bytes out. */
    private JsonNode invoke(byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PurgeCacheHandlerTest.class.getClassLoader().getResourceAsStream(EVENTS + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        return json(response.getBody());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
