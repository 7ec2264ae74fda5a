package dev.portico.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, tenant_missing", "'', tenant_missing", "-acme, tenant_invalid_characters",
        "acme:admin, tenant_invalid_characters", "'acme{x}', tenant_invalid_characters",
        "'acme inc', tenant_invalid_characters", "acme/../b, tenant_invalid_characters",
        "ac\u00e9me, tenant_invalid_characters"})
    void refusesWithItsCode(String input, String code) {
        assertThatThrownBy(() -> TenantId.parse(input))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void refusesOverlongIds() {
        assertThatThrownBy(() -> TenantId.parse("a".repeat(65))).hasMessageContaining("65 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "tenant-a", "Tenant_42", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "a.b"})
    void acceptsSlugsAndUuids(String input) throws Exception {
        assertThat(TenantId.parse(input).value()).isEqualTo(input);
    }

    @Test
    void statusWireNamesRoundTrip() {
        for (DomainStatus status : DomainStatus.values()) {
            assertThat(DomainStatus.fromWireName(status.wireName())).contains(status);
        }
        assertThat(DomainStatus.PENDING_DNS.wireName()).isEqualTo("pending_dns");
        assertThat(DomainStatus.fromWireName("PENDING_DNS")).isEmpty();
    }

    @Test
    void recordTransitionsKeepIdentityAndMoveUpdatedAt() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        DomainRecord record = DomainRecord.register(DomainName.ofTrusted("shop.example.com"), TenantId.parse("acme"),
                OriginPolicy.strict().parse("https://origin.example.com"), t0);
        assertThat(record.status()).isEqualTo(DomainStatus.PENDING_DNS);
        DomainRecord failed = record.withStatus(DomainStatus.FAILED, "CA said no", t0.plusSeconds(5));
        assertThat(failed.reason()).contains("CA said no");
        assertThat(failed.createdAt()).isEqualTo(t0);
        assertThat(failed.updatedAt()).isEqualTo(t0.plusSeconds(5));
        CertificateSummary cert = new CertificateSummary("0a", t0, t0.plusSeconds(90 * 86400));
        DomainRecord active = failed.withCertificate(cert, t0.plusSeconds(60 * 86400), t0.plusSeconds(9));
        assertThat(active.status()).isEqualTo(DomainStatus.ACTIVE);
        assertThat(active.reason()).isEmpty();
        assertThat(active.certificate()).contains(cert);
    }
}
