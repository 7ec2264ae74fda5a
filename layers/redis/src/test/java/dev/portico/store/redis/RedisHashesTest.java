package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisHashesTest {
    private static final DomainName SHOP = DomainName.ofTrusted("shop.example.com");
    private static final Instant T0 = Instant.ofEpochMilli(1_790_000_000_123L);

    static DomainRecord registered() {
        return DomainRecord.register(SHOP, new TenantId("acme"), OriginUrl.ofTrusted("https://origin.acme.test:8443/app"),
                T0);
    }

    @Test
    void freshRecordHasOnlyItsRequiredFields() throws StoreException {
        Map<String, String> fields = RedisHashes.domainFields(registered());
        assertThat(fields).containsOnlyKeys("tenant", "origin", "status", "created", "updated")
                .containsEntry("status", "pending_dns").containsEntry("created", "1790000000123");
        assertThat(RedisHashes.domainRecord(SHOP, "k", fields)).isEqualTo(registered());
    }

    @Test
    void everyOptionalFieldRoundTrips() throws StoreException {
        CertificateSummary cert = new CertificateSummary("0af3", T0, T0.plusSeconds(7_776_000));
        DomainRecord full = registered().withCertificate(cert, T0.plusSeconds(5_000_000), T0.plusSeconds(60))
                .withStatus(DomainStatus.RENEWING, "CA rate limit; retrying", T0.plusSeconds(61));
        Map<String, String> fields = RedisHashes.domainFields(full);
        assertThat(fields).containsKeys("reason", "certSerial", "certNotBefore", "certNotAfter", "renewAt");
        assertThat(RedisHashes.domainRecord(SHOP, "k", fields)).isEqualTo(full);
    }

    @Test
    void certificateRoundTripsWithTheKeyAsGiven() throws StoreException {
        SealedKey sealed = SealedKey.fromBytes(new byte[] {1, 2, 3, (byte) 0xff});
        StoredCertificate cert = new StoredCertificate(SHOP, "-----BEGIN CERTIFICATE-----\nMII\n", sealed, "0af3", T0,
                T0.plusSeconds(60));
        Map<String, String> fields = RedisHashes.certificateFields(cert);
        assertThat(fields.get("key")).isEqualTo(sealed.toBase64());
        assertThat(RedisHashes.certificate(SHOP, "k", fields)).isEqualTo(cert);
    }

    @Test
    void foreignOrDamagedHashIsAStoreExceptionNamingTheKey() {
        Map<String, String> fields = new HashMap<>(RedisHashes.domainFields(registered()));
        fields.put("status", "sleeping");
        assertThatThrownBy(() -> RedisHashes.domainRecord(SHOP, "domain:shop.example.com", fields))
                .isInstanceOf(StoreException.class).hasMessageContaining("domain:shop.example.com")
                .hasMessageContaining("unknown status");
        fields.remove("status");
        fields.put("created", "yesterday");
        assertThatThrownBy(() -> RedisHashes.domainRecord(SHOP, "k", fields)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> RedisHashes.certificate(SHOP, "cert:x", Map.of("chain", "x")))
                .isInstanceOf(StoreException.class).hasMessageContaining("cert:x");
    }
}
