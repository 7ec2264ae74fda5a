package dev.portico.control.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines CloudWatch turns into metrics: each must be a complete EMF document naming every value it carries. */
class RenewalMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final List<String> lines = new ArrayList<>();
    private final RenewalMetrics metrics = new RenewalMetrics("portico-staging", lines::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRunWritesASummaryAndOneDocumentPerExpiryBucket() throws Exception {
        Map<String, Long> buckets = new LinkedHashMap<>();
        ExpiryBuckets.all().forEach(b -> buckets.put(b.label(), 0L));
        buckets.put("expired", 1L);
        buckets.put("0-7", 2L);
        buckets.put("30+", 40L);
        metrics.run(new RenewalRun(NOW, 3, 1, 0, true, 5, false, 7, buckets, 2,
                Optional.of(new RenewalRun.OldestFailure("shop.example.com", Duration.ofHours(30), 4))));

        assertThat(lines).hasSize(1 + ExpiryBuckets.values().length);
        JsonNode summary = JSON.readTree(lines.getFirst());
        assertValidEmf(summary);
        assertThat(summary.get("CertificatesExpiringWithin7Days").asLong()).isEqualTo(3);
        assertThat(summary.get("DomainsFailingRenewal").asLong()).isEqualTo(2);
        assertThat(summary.get("OldestRenewalFailureHours").asLong()).isEqualTo(30);
        assertThat(summary.get("OldestFailingDomain").asText()).isEqualTo("shop.example.com");
        assertThat(summary.get("RenewalsEnqueued").asLong()).isEqualTo(5);
        assertThat(summary.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("portico-staging");
        assertThat(summary.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());

        JsonNode later = JSON.readTree(lines.stream().filter(l -> l.contains("\"30+\"")).findFirst().orElseThrow());
        assertValidEmf(later);
        assertThat(later.get("Certificates").asLong()).isEqualTo(40);
        assertThat(later.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                .isEqualTo("[\"Service\",\"DaysToExpiry\"]");
    }

    @Test
    void aRenewalOutcomeIsOneCount() throws Exception {
        metrics.renewal("shop.example.com", false);
        JsonNode doc = JSON.readTree(lines.getFirst());
        assertValidEmf(doc);
        assertThat(doc.get("RenewalsFailed").asLong()).isEqualTo(1);
        assertThat(doc.has("RenewalsSucceeded")).isFalse();
    }

    /** Every metric the directive names is a number at the root, and every dimension a string there. */
    private static void assertValidEmf(JsonNode doc) {
        JsonNode directive = doc.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isNotBlank();
        directive.get("Metrics").forEach(m -> assertThat(doc.get(m.get("Name").asText()).isNumber())
                .as(m.toString()).isTrue());
        directive.get("Dimensions").get(0).forEach(d -> assertThat(doc.get(d.asText()).isTextual())
                .as(d.toString()).isTrue());
    }
}
