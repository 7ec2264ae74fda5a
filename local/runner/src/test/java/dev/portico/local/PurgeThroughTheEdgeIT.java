package dev.portico.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A purge as a SaaS backend makes it against the local system: {@code POST /purge} over HTTP to the local API, routed
 * to the PurgeCache function as {@code template.yaml} routes it, published on the edge-events topic, received on the
 * edge proxy's own queue, and the edge's cached copy of the page is gone: the next visit gets the new one.
 */
class PurgeThroughTheEdgeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static final Duration PURGED_WITHIN = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSystem system;
    private static LocalApiServer api;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start("purge-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                LocalSystem.Ports.any());
        api = LocalApiServer.start(0, system::api);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aUrlPurgeDropsTheEdgesCachedCopyAndTheNextVisitGetsTheNewPage() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String domain = "cache-" + id + ".tenant-a.test";
        String path = "/purge-" + id + ".html";
        system.origin().put(path, "<p>version 1</p>");
        register(domain, "tenant-a");
        awaitActive(domain);

        assertThat(EdgeHttpsCheck.get(domain, system.edgePorts().https(), path).body()).isEqualTo("<p>version 1</p>");
        system.origin().put(path, "<p>version 2</p>");
        // The origin allows 60 s of caching: the edge answers from its cache.
        assertThat(EdgeHttpsCheck.get(domain, system.edgePorts().https(), path).body()).isEqualTo("<p>version 1</p>");

        HttpResponse<String> purged = post("/purge", "{\"tenant\":\"tenant-a\",\"domain\":\"" + domain
                + "\",\"scope\":\"url\",\"value\":\"" + path + "\"}");
        assertThat(purged.statusCode()).as(purged.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(purged.body());
        assertThat(answer.get("eventId").asText()).isNotBlank();
        assertThat(answer.get("scope").asText()).isEqualTo("url");

        long deadline = System.nanoTime() + PURGED_WITHIN.toNanos();
        String body = null;
        while (System.nanoTime() < deadline) {
            body = EdgeHttpsCheck.get(domain, system.edgePorts().https(), path).body();
            if (body.equals("<p>version 2</p>")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the edge still served '" + body + "' " + PURGED_WITHIN + " after the purge");
    }

    @Test
    void theLocalApiRefusesPurgesAsTheFunctionDoesBehindApiGateway() throws Exception {
        String domain = "owned-" + UUID.randomUUID().toString().substring(0, 8) + ".tenant-b.test";
        register(domain, "tenant-b");

        HttpResponse<String> notOwner = post("/purge", "{\"tenant\":\"tenant-c\",\"domain\":\"" + domain
                + "\",\"scope\":\"host\"}");
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(notOwner.body()).get("error").asText()).isEqualTo("not_owner");
        assertThat(notOwner.headers().firstValue("content-type")).hasValue("application/json");

        HttpResponse<String> unknown = post("/purge", "{\"tenant\":\"tenant-b\",\"domain\":\"nobody."
                + domain + "\",\"scope\":\"host\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("domain_not_found");

        HttpResponse<String> badScope = post("/purge", "{\"tenant\":\"tenant-b\",\"domain\":\"" + domain
                + "\",\"scope\":\"everything\"}");
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badScope.body()).get("field").asText()).isEqualTo("scope");
    }

    private static void register(String domain, String tenant) {
        APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + domain
                + "\",\"tenant\":\"" + tenant + "\",\"origin\":\"" + system.origin().url() + "\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(202);
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitActive(String domain) throws Exception {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        JsonNode record = null;
        while (System.nanoTime() < deadline) {
            record = JSON.readTree(system.api("GET", "/domains/" + domain, null).getBody());
            String status = record.path("status").asText();
            if (status.equals("active")) {
                return;
            }
            assertThat(status).as("%s: %s", domain, record.path("reason").asText()).isNotEqualTo("failed");
            Thread.sleep(200);
        }
        throw new AssertionError(domain + " not active within " + ACTIVE_WITHIN + "; last: " + record);
    }
}
