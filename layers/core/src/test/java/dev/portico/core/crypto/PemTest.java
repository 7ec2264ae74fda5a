package dev.portico.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

class PemTest {
    @Test
    void privateKeysRoundTripForEcAndRsa() throws Exception {
        for (String algorithm : new String[] {"EC", "RSA"}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            String pem = Pem.encodePrivateKey(key);
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
            assertThat(Pem.parsePrivateKey(pem)).isEqualTo(key);
        }
    }

    @Test
    void refusesTextWithoutAKeyOrCertificate() {
        assertThatThrownBy(() -> Pem.parsePrivateKey("hello")).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Pem.parseChain("")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> Pem.parseChain("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(CertificateException.class);
    }
}
