package dev.portico.functions.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.control.RegistrationPolicy;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of {@code events/domains-api}, through the handler, against real Redis and the emulator. */
class DomainsApiHandlerIT extends DomainServiceTestBase {
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00.250Z");
    private final MutableClock clock = new MutableClock(NOW);
    private DomainsApiHandler handler;

    @BeforeEach
    void createHandler() {
        handler = new DomainsApiHandler(aws.service(redis.store, RegistrationPolicy.defaults(), clock));
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    @ParameterizedTest
    @Event(value = "events/domains-api/register.json", type = APIGatewayV2HTTPEvent.class)
    void registerAnswers202WithLocationAndQueuesOneIssuance(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("location", "/domains/shop.example.com")
                .containsEntry("content-type", "application/json").containsEntry("cache-control", "no-store");
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(body.get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("origin").asText()).isEqualTo("https://origin.example.net");
        assertThat(body.get("status").asText()).isEqualTo("pending_dns");
        assertThat(body.get("certificate").isNull()).isTrue();
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-11-23T18:00:00.250Z");
        assertThat(body.at("/links/self").asText()).isEqualTo("/domains/shop.example.com");
        assertThat(aws.queued()).extracting(r -> r.domain().ascii()).containsExactly("shop.example.com");

        APIGatewayV2HTTPResponse again = call(SampleEvents.load("register.json"));
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getHeaders()).doesNotContainKey("location");
        assertThat(SampleEvents.body(again)).isEqualTo(body);
        assertThat(aws.queued()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/domains-api/register-base64.json", type = APIGatewayV2HTTPEvent.class)
    void aBase64BodyWithAnInternationalNameIsDecodedAndStoredInAsciiForm(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("location", "/domains/xn--bcher-kva.example.com");
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("domain").asText()).isEqualTo("xn--bcher-kva.example.com");
        assertThat(body.get("domainUnicode").asText()).isEqualTo("bücher.example.com");
        assertThat(body.get("origin").asText()).isEqualTo("https://origin.example.net/shop");
    }

    @ParameterizedTest
    @Event(value = "events/domains-api/get.json", type = APIGatewayV2HTTPEvent.class)
    void getAnswersTheRecordOr404(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse missing = call(event);
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(SampleEvents.body(missing).get("error").asText()).isEqualTo("domain_not_found");

        call(SampleEvents.load("register.json"));
        APIGatewayV2HTTPResponse found = call(SampleEvents.load("get.json"));
        assertThat(found.getStatusCode()).isEqualTo(200);
        assertThat(SampleEvents.body(found).get("domain").asText()).isEqualTo("shop.example.com");
        assertThat(SampleEvents.body(found).get("status").asText()).isEqualTo("pending_dns");
    }

    @ParameterizedTest
    @Event(value = "events/domains-api/list.json", type = APIGatewayV2HTTPEvent.class)
    void listAnswersThePageOfTheTenant(APIGatewayV2HTTPEvent event) {
        call(SampleEvents.load("register.json"));
        call(SampleEvents.register("other.example.com", "someone-else", "https://origin.example.net"));

        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("domains")).extracting(d -> d.get("domain").asText()).containsExactly("shop.example.com");
        assertThat(body.get("next").isNull()).isTrue();
    }

    @ParameterizedTest
    @Event(value = "events/domains-api/delete.json", type = APIGatewayV2HTTPEvent.class)
    void deleteRemovesTheDomainAndAnswersItAsRemoved(APIGatewayV2HTTPEvent event) {
        call(SampleEvents.load("register.json"));

        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(SampleEvents.body(response).get("status").asText()).isEqualTo("removed");
        assertThat(redis.allKeys()).allMatch(key -> key.contains(":ratelimit:"));
        assertThat(call(SampleEvents.load("delete.json")).getStatusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @Events(folder = "events/domains-api/bad", type = APIGatewayV2HTTPEvent.class)
    void everyBadSampleIsA4xxJsonErrorAndStoresNothing(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isBetween(400, 499);
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("error").asText()).matches("[a-z0-9_]+");
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.has("field")).isTrue();
        assertThat(redis.allKeys()).isEmpty();
        assertThat(aws.issuanceMessages()).isZero();
    }

    @ParameterizedTest
    @Events(events = {
            @Event(value = "events/domains-api/register.json", type = APIGatewayV2HTTPEvent.class),
            @Event(value = "events/domains-api/register-base64.json", type = APIGatewayV2HTTPEvent.class),
            @Event(value = "events/domains-api/get.json", type = APIGatewayV2HTTPEvent.class),
            @Event(value = "events/domains-api/list.json", type = APIGatewayV2HTTPEvent.class),
            @Event(value = "events/domains-api/delete.json", type = APIGatewayV2HTTPEvent.class)},
            type = APIGatewayV2HTTPEvent.class)
    void theSamplesAreShapedAsApiGatewaySendsThem(APIGatewayV2HTTPEvent event) {
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo(event.getRequestContext().getRouteKey());
        assertThat(event.getRouteKey()).startsWith(event.getRequestContext().getHttp().getMethod() + " /domains");
        assertThat(event.getRawPath()).isEqualTo(event.getRequestContext().getHttp().getPath());
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn()).startsWith("arn:aws:iam::");
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1795456800000L);
    }
}
