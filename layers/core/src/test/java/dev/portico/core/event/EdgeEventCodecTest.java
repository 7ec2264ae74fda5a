package dev.portico.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeEventCodecTest {
    private static final Instant AT = Instant.parse("2026-11-23T18:00:00Z");

    @Test
    void roundTripsEveryEventType() throws Exception {
        EdgeEvent updated = new EdgeEvent.CertificateUpdated("e1", DomainName.ofTrusted("shop.example.com"), "0af3", AT);
        EdgeEvent removed = new EdgeEvent.DomainRemoved("e2", DomainName.ofTrusted("old.example.com"), AT);
        assertThat(EdgeEventCodec.decode(EdgeEventCodec.encode(updated))).isEqualTo(updated);
        assertThat(EdgeEventCodec.decode(EdgeEventCodec.encode(removed))).isEqualTo(removed);
        assertThat(EdgeEventCodec.encode(updated)).contains("\"type\":\"cert-updated\"");
        for (EdgeEvent.PurgeScope scope : EdgeEvent.PurgeScope.values()) {
            EdgeEvent purge = new EdgeEvent.Purge("e3", DomainName.ofTrusted("shop.example.com"),
                    new TenantId("acme"), scope, scope == EdgeEvent.PurgeScope.HOST ? "" : "/assets/?v=1", AT);
            assertThat(EdgeEventCodec.decode(EdgeEventCodec.encode(purge))).isEqualTo(purge);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "null", "{\"type\":\"cert-updated\"}",
        "{\"type\":\"launch-missiles\",\"id\":\"x\",\"domain\":\"a.example.com\",\"at\":\"2026-11-23T18:00:00Z\"}",
        "{\"type\":\"domain-removed\",\"id\":\"x\",\"domain\":\"A.example.com\",\"at\":\"2026-11-23T18:00:00Z\"}",
        "{\"type\":\"domain-removed\",\"id\":\"x\",\"domain\":\"a.example.com\",\"at\":\"yesterday\"}",
        "{\"type\":\"domain-removed\",\"id\":7,\"domain\":\"a.example.com\",\"at\":\"2026-11-23T18:00:00Z\"}",
        "{\"type\":\"purge\",\"id\":\"x\",\"domain\":\"a.example.com\",\"at\":\"2026-11-23T18:00:00Z\","
            + "\"tenant\":\"acme\",\"scope\":\"everything\",\"value\":\"\"}",
        "{\"type\":\"purge\",\"id\":\"x\",\"domain\":\"a.example.com\",\"at\":\"2026-11-23T18:00:00Z\","
            + "\"tenant\":\"acme\",\"scope\":\"url\",\"value\":\"\"}",
        "{\"type\":\"purge\",\"id\":\"x\",\"domain\":\"a.example.com\",\"at\":\"2026-11-23T18:00:00Z\","
            + "\"tenant\":\"a b\",\"scope\":\"host\",\"value\":\"\"}"})
    void refusesMalformedMessagesWithAReason(String json) {
        assertThatThrownBy(() -> EdgeEventCodec.decode(json)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("event");
    }

    @Test
    void refusesOversizedMessages() {
        assertThatThrownBy(() -> EdgeEventCodec.decode("{\"pad\":\"" + "x".repeat(20_000) + "\"}"))
                .hasMessageContaining("larger than");
    }
}
