package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.Pem;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.util.KeyPairUtils;

class AcmeKeysTest {

    @Test
    void ecKeyPairSurvivesPkcs8WithItsPublicHalfRecomputed() throws Exception {
        KeyPair original = AcmeKeys.generateEcP256();
        assertThat(((ECPublicKey) original.getPublic()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);

        KeyPair loaded = AcmeKeys.fromPkcs8(AcmeKeys.toPkcs8(original));
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(original.getPrivate().getEncoded());
        // The edge proxy opens stored keys with the JDK alone (core's Pem), not with BouncyCastle.
        assertThat(Pem.decodePrivateKey(AcmeKeys.toPkcs8(original)).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void rsaAccountKeysFromElsewhereLoadToo() throws Exception {
        KeyPair original = KeyPairUtils.createKeyPair(2048);
        KeyPair loaded = AcmeKeys.fromPkcs8(AcmeKeys.toPkcs8(original));
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
    }

    @Test
    void garbageIsAConfigurationError() {
        assertThatThrownBy(() -> AcmeKeys.fromPkcs8(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOf(AcmeConfigurationException.class);
    }
}
