package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.DomainName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** Private keys sealed under a KMS master key in the emulator, as they are under the stack's KMS key in AWS. */
class KmsDataKeyProviderIT {
    private static final DomainName SHOP = DomainName.ofTrusted("kms-shop.example.com");
    private final KmsClient kms = EmulatorClients.create().kms();

    @Test
    void sealsUnderKmsAndOpensWithAFreshEnvelope() throws Exception {
        String keyId = kms.createKey(r -> r.description("portico test")).keyMetadata().keyId();
        byte[] secret = "pkcs8 bytes".getBytes(StandardCharsets.UTF_8);

        SealedKey sealed = KeyEnvelope.withDefaults(new KmsDataKeyProvider(kms, keyId)).seal(secret, SHOP);
        byte[] opened = KeyEnvelope.withDefaults(new KmsDataKeyProvider(kms, keyId)).open(sealed, SHOP);

        assertThat(opened).isEqualTo(secret);
    }

    @Test
    void aMissingKeySaysWhatToCheck() {
        KmsDataKeyProvider provider = new KmsDataKeyProvider(kms, "alias/portico-no-such-key");
        assertThatThrownBy(() -> KeyEnvelope.withDefaults(provider).seal(new byte[] {1}, SHOP))
                .isInstanceOf(KeyEnvelopeException.class)
                .hasMessageContaining("alias/portico-no-such-key").hasMessageContaining("check that the key exists");
    }
}
