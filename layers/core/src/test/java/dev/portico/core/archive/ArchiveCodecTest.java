package dev.portico.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoredCertificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArchiveCodecTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");
    private static final DomainName SHOP = DomainName.ofTrusted("xn--bcher-kva.example.com");
    private static final DomainRecord PENDING = DomainRecord.register(SHOP, new TenantId("acme"),
            OriginUrl.ofTrusted("http://[::1]:8080/base"), T);
    private static final StoredCertificate CERT = new StoredCertificate(SHOP, "-----BEGIN CERTIFICATE-----\n",
            SealedKey.fromBytes(new byte[] {1, 2, 3, 4}), "0f", T, T.plus(Duration.ofDays(90)));

    @Test
    void everyRecordShapeReadsBackEqual() throws Exception {
        DomainRecord active = PENDING.withCertificate(new CertificateSummary("0f", T, T.plus(Duration.ofDays(90))),
                T.plus(Duration.ofDays(60)), T.plusSeconds(1));
        DomainRecord failed = PENDING.withStatus(DomainStatus.FAILED, "CAA forbids \"us\"; fix it", T.plusSeconds(2));
        for (DomainRecord record : new DomainRecord[] {PENDING, active, failed}) {
            String json = ArchiveCodec.encode(record);
            assertThat(json).contains("\"version\":1");
            assertThat(ArchiveCodec.decodeRecord(json, SHOP, "test")).isEqualTo(record);
        }
    }

    @Test
    void aCertificateKeepsItsSealedKeyExactly() throws Exception {
        String json = ArchiveCodec.encode(CERT);
        assertThat(json).contains(CERT.key().toBase64()).doesNotContain("PRIVATE KEY");
        assertThat(ArchiveCodec.decodeCertificate(json, SHOP, "test")).isEqualTo(CERT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1]",
        "{\"kind\":\"domain\",\"domain\":\"xn--bcher-kva.example.com\"}",
        "{\"version\":2,\"kind\":\"domain\",\"domain\":\"xn--bcher-kva.example.com\"}",
        "{\"version\":1,\"kind\":\"certificate\",\"domain\":\"xn--bcher-kva.example.com\"}",
        "{\"version\":1,\"kind\":\"domain\",\"domain\":\"other.example.com\"}",
        "{\"version\":1,\"kind\":\"domain\",\"domain\":\"xn--bcher-kva.example.com\",\"tenant\":\"a b\"}"
    })
    void anythingElseIsUnreadableAndNamesTheObject(String json) {
        assertThatThrownBy(() -> ArchiveCodec.decodeRecord(json, SHOP, "s3://b/domains/x.json"))
                .isInstanceOf(UnreadableArchiveEntryException.class).hasMessageContaining("s3://b/domains/x.json");
    }
}
