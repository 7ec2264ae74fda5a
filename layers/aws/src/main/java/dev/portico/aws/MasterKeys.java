package dev.portico.aws;

import dev.portico.core.crypto.DataKeyProvider;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.LocalDataKeyProvider;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the master key that seals private keys lives, from the environment: {@code PORTICO_KMS_KEY_ID} in AWS (the
 * template sets it), {@code PORTICO_LOCAL_MASTER_KEY_FILE} on one machine. Exactly one of them.
 */
public final class MasterKeys {
    private MasterKeys() {
    }

    /** @throws IllegalStateException when neither or both are set, or the local file cannot be used */
    public static DataKeyProvider fromEnvironment(Function<String, String> env) {
        Optional<String> kms = value(env, "PORTICO_KMS_KEY_ID");
        Optional<String> file = value(env, "PORTICO_LOCAL_MASTER_KEY_FILE");
        if (kms.isPresent() == file.isPresent()) {
            throw new IllegalStateException("set exactly one of PORTICO_KMS_KEY_ID (in AWS) and "
                    + "PORTICO_LOCAL_MASTER_KEY_FILE (locally): it keeps the master key that seals private keys");
        }
        if (kms.isPresent()) {
            return new KmsDataKeyProvider(AwsClients.fromEnvironment(env).kms(), kms.get());
        }
        try {
            return LocalDataKeyProvider.fromFile(Path.of(file.get()));
        } catch (KeyEnvelopeException e) {
            throw new IllegalStateException("PORTICO_LOCAL_MASTER_KEY_FILE " + file.get() + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
