package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.testing.SharedRedis;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisCertificateStoreIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String CHAIN = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUleaf
            -----END CERTIFICATE-----
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUissuer
            -----END CERTIFICATE-----
            """;

    private SharedRedis redis;
    private CertificateStore certificates;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        certificates = redis.store.certificates();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    static StoredCertificate certificate(DomainName domain, String serial) {
        byte[] envelope = new byte[180];
        new SecureRandom().nextBytes(envelope);
        return new StoredCertificate(domain, CHAIN, SealedKey.fromBytes(envelope), serial, NOW,
                NOW.plus(90, ChronoUnit.DAYS));
    }

    @Test
    void roundTripKeepsTheSealedKeyByteForByteAndNoClearKey() throws StoreException {
        StoredCertificate cert = certificate(TestNames.domain(), "0a1b2c");
        certificates.put(cert);

        assertThat(certificates.find(cert.domain())).contains(cert);
        Map<String, String> raw = redis.raw.hgetAll(redis.keys.certificate(cert.domain()));
        assertThat(raw).containsOnlyKeys("chain", "key", "serial", "notBefore", "notAfter");
        assertThat(String.join("\n", raw.values())).doesNotContain("PRIVATE KEY");
        assertThat(Base64.getDecoder().decode(raw.get("key"))).isEqualTo(cert.key().toBytes());
    }

    @Test
    void putReplacesTheWholeCertificate() throws StoreException {
        DomainName domain = TestNames.domain();
        certificates.put(certificate(domain, "01"));
        StoredCertificate renewed = certificate(domain, "02");
        certificates.put(renewed);
        assertThat(certificates.find(domain)).contains(renewed);
    }

    @Test
    void removeSaysWhetherThereWasOne() throws StoreException {
        StoredCertificate cert = certificate(TestNames.domain(), "03");
        certificates.put(cert);
        assertThat(certificates.remove(cert.domain())).isTrue();
        assertThat(certificates.find(cert.domain())).isEmpty();
        assertThat(certificates.remove(cert.domain())).isFalse();
    }
}
