package dev.portico.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogEntryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-11-23T10:15:30.123456Z");

    @Test
    void fieldsAreTypedJson() throws Exception {
        String line = new AccessLogEntry(TIME, "GET", "shop.example.com:5002", "/.well-known/acme-challenge/abc", 200,
                1_234_567, "192.0.2.7").toJson();
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("@timestamp").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(json.get("log.logger").asText()).isEqualTo(AccessLogHandler.LOGGER);
        assertThat(json.get("method").asText()).isEqualTo("GET");
        assertThat(json.get("host").asText()).isEqualTo("shop.example.com:5002");
        assertThat(json.get("path").asText()).isEqualTo("/.well-known/acme-challenge/abc");
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("duration_ms").isNumber()).isTrue();
        assertThat(json.get("duration_ms").asDouble()).isEqualTo(1.234);
        assertThat(json.get("remote").asText()).isEqualTo("192.0.2.7");
    }

    @Test
    void hostileValuesCannotBreakOrForgeTheLine() throws Exception {
        String hostile = "/x\",\"status\":200,\"y\":\"\\\n\r\u0000\u001b[31m\u00e9\ud83d";
        String line = new AccessLogEntry(TIME, "GET", "evil\"host", hostile, 404, 0, "::1").toJson();
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
        assertThat(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("printable ASCII only").isTrue();
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("path").asText()).isEqualTo(hostile);
        assertThat(json.get("host").asText()).isEqualTo("evil\"host");
    }

    @Test
    void longValuesAreTruncated() throws Exception {
        String path = "/" + "a".repeat(100_000);
        JsonNode json = JSON.readTree(new AccessLogEntry(TIME, "GET", "h", path, 404, 0, "r").toJson());
        assertThat(json.get("path").asText()).hasSize(AccessLogEntry.MAX_VALUE_LENGTH + 3).endsWith("...");
    }
}
