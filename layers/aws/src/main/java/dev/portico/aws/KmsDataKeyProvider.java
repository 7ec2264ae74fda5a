package dev.portico.aws;

import dev.portico.core.crypto.DataKeyProvider;
import dev.portico.core.crypto.KeyEnvelopeException;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Data keys from AWS KMS: the master key never leaves KMS, and the function or proxy role needs only
 * {@code kms:GenerateDataKey} and {@code kms:Decrypt} on that one key. {@link dev.portico.core.crypto.KeyEnvelope}
 * caches what this returns, so KMS sees one call per data key, not one per certificate.
 */
public final class KmsDataKeyProvider implements DataKeyProvider {
    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeyProvider(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public DataKey generate() throws KeyEnvelopeException {
        try {
            GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256));
            return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
        } catch (SdkException e) {
            throw new KeyEnvelopeException("KMS GenerateDataKey with key " + keyId + " failed: " + e.getMessage()
                    + "; check that the key exists, is enabled, and the role may use it", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws KeyEnvelopeException {
        try {
            return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedKey)))
                    .plaintext().asByteArray();
        } catch (SdkException e) {
            throw new KeyEnvelopeException("KMS Decrypt with key " + keyId + " failed: " + e.getMessage()
                    + "; the data key was made under another key, or the role may not decrypt with it", e);
        }
    }
}
