package dev.portico.functions.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.control.DomainService;
import dev.portico.control.RegistrationPolicy;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conflicts, quotas, ownership, outages and the request log, each as the client sees it. */
class DomainsApiResponsesIT extends DomainServiceTestBase {
    private static final String ORIGIN = "https://origin.example.net";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));

    private APIGatewayV2HTTPResponse call(RegistrationPolicy policy, APIGatewayV2HTTPEvent event) {
        return new DomainsApiHandler(aws.service(redis.store, policy, clock)).handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return call(RegistrationPolicy.defaults(), event);
    }

    private static void assertError(APIGatewayV2HTTPResponse response, int status, String code, String field) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("field").isNull() ? null : body.get("field").asText()).isEqualTo(field);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void anotherTenantGets409DomainTakenWithoutTheOwnersId() {
        call(SampleEvents.register("shop.example.com", "acme", ORIGIN));
        APIGatewayV2HTTPResponse response = call(SampleEvents.register("shop.example.com", "intruder", ORIGIN));
        assertError(response, 409, "domain_taken", "domain");
        assertThat(response.getBody()).doesNotContain("acme");
    }

    @Test
    void theSameTenantWithAnotherOriginGets409NamingTheCurrentOrigin() {
        call(SampleEvents.register("shop.example.com", "acme", ORIGIN));
        APIGatewayV2HTTPResponse response = call(SampleEvents.register("shop.example.com", "acme", "https://new.example.net"));
        assertError(response, 409, "registered_with_other_origin", "origin");
        assertThat(SampleEvents.body(response).get("message").asText()).contains(ORIGIN).contains("DELETE /domains/");
    }

    @Test
    void pastTheRateA429SaysWhenToRetryInWholeSeconds() {
        RegistrationPolicy onePerMinute = RegistrationPolicy.defaults().withRegistrationsPerMinute(1);
        assertThat(call(onePerMinute, SampleEvents.register("a.example.com", "acme", ORIGIN)).getStatusCode()).isEqualTo(202);
        clock.advance(Duration.ofMillis(20_500));

        APIGatewayV2HTTPResponse response = call(onePerMinute, SampleEvents.register("b.example.com", "acme", ORIGIN));

        assertError(response, 429, "registration_rate_exceeded", "tenant");
        assertThat(response.getHeaders()).containsEntry("retry-after", "40");
        clock.advance(Duration.ofSeconds(40));
        assertThat(call(onePerMinute, SampleEvents.register("b.example.com", "acme", ORIGIN)).getStatusCode()).isEqualTo(202);
    }

    @Test
    void atTheDomainCapA403WithoutRetryAfter() {
        RegistrationPolicy capOne = RegistrationPolicy.defaults().withMaxDomainsPerTenant(1);
        call(capOne, SampleEvents.register("a.example.com", "acme", ORIGIN));
        APIGatewayV2HTTPResponse response = call(capOne, SampleEvents.register("b.example.com", "acme", ORIGIN));
        assertError(response, 403, "domain_quota_exceeded", "tenant");
        assertThat(response.getHeaders()).doesNotContainKey("retry-after");
    }

    @Test
    void deletingAnotherTenantsDomainIs403AndKeepsIt() {
        call(SampleEvents.load("register.json"));
        APIGatewayV2HTTPResponse response = call(SampleEvents.withQuery(SampleEvents.load("delete.json"), Map.of("tenant", "evil")));
        assertError(response, 403, "not_owner", "tenant");
        assertThat(call(SampleEvents.load("get.json")).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aQueueOutageIs503WithRetryAfterAndLeavesNoRecord() {
        DomainService broken = aws.service(redis.store, RegistrationPolicy.defaults(), clock, aws.missingQueueUrl(),
                aws.edge.topicArn());
        APIGatewayV2HTTPResponse response = new DomainsApiHandler(broken).handleRequest(SampleEvents.load("register.json"), null);
        assertError(response, 503, "queue_unavailable", null);
        assertThat(response.getHeaders()).containsKey("retry-after");
        assertThat(response.getBody()).doesNotContain(aws.issuanceQueueUrl.substring(0, 20));
        assertThat(call(SampleEvents.load("get.json")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void anArchiveOutageIs503WithRetryAfterAndLeavesNoRecord() {
        aws.archive.failPuts = true;
        APIGatewayV2HTTPResponse response = call(SampleEvents.load("register.json"));
        assertError(response, 503, "archive_unavailable", null);
        assertThat(response.getHeaders()).containsKey("retry-after");
        assertThat(response.getBody()).doesNotContain("injected");
        aws.archive.failPuts = false;
        assertThat(call(SampleEvents.load("get.json")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void aStoreOutageIs503WithoutInternalDetails() throws Exception {
        try (RedisStore nowhere = RedisStore.open(RedisSettings.of(URI.create("redis://127.0.0.1:1"))
                .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)))) {
            DomainService service = aws.service(nowhere, RegistrationPolicy.defaults(), clock);
            APIGatewayV2HTTPResponse response = new DomainsApiHandler(service).handleRequest(SampleEvents.load("get.json"), null);
            assertError(response, 503, "store_unavailable", null);
            assertThat(response.getBody()).doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() {
        APIGatewayV2HTTPResponse put = call(SampleEvents.catchAll("PUT", "/domains"));
        assertError(put, 405, "method_not_allowed", null);
        assertThat(put.getHeaders()).containsEntry("allow", "GET, POST");
        APIGatewayV2HTTPResponse patch = call(SampleEvents.catchAll("PATCH", "/domains/shop.example.com"));
        assertThat(patch.getHeaders()).containsEntry("allow", "DELETE, GET");
    }

    @Test
    void aCatchAllRouteIsRoutedByMethodAndPath() {
        call(SampleEvents.load("register.json"));
        APIGatewayV2HTTPResponse response = call(SampleEvents.catchAll("GET", "/domains/shop.example.com"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertError(call(SampleEvents.catchAll("GET", "/certificates")), 404, "route_not_found", null);
    }

    @Test
    void eachRequestLogsOneJsonLineWithItsFieldsAndNoBody() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call(SampleEvents.load("register.json"));
            call(SampleEvents.register("shop.example.com", "intruder", ORIGIN));
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode created = SampleEvents.JSON.readTree(lines[lines.length - 2]);
        JsonNode refused = SampleEvents.JSON.readTree(lines[lines.length - 1]);

        assertThat(created.get("route").asText()).isEqualTo("POST /domains");
        assertThat(created.get("status").asText()).isEqualTo("202");
        assertThat(created.get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(created.get("tenant").asText()).isEqualTo("acme");
        assertThat(created.get("request_id").asText()).isEqualTo("Vq1cFjKLoAMEaXw=");
        assertThat(Long.parseLong(created.get("duration_ms").asText())).isNotNegative();
        assertThat(created.get("level").asText()).isEqualTo("INFO");
        assertThat(refused.get("status").asText()).isEqualTo("409");
        assertThat(refused.get("error").asText()).isEqualTo("domain_taken");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("origin.example.net");
    }
}
