package dev.portico.core.crypto;

/**
 * Issues and unwraps 256-bit data keys under a master key that never leaves its keeper: a local key file
 * ({@link LocalDataKeyProvider}) or AWS KMS ({@code KmsDataKeyProvider} in {@code portico-aws}).
 */
public interface DataKeyProvider {
    /** A new random data key, in clear and wrapped by the master key. */
    DataKey generate() throws KeyEnvelopeException;

    /** Unwraps a data key produced by {@link #generate()}; fails when the wrapped key was made under another master key. */
    byte[] unwrap(byte[] wrappedKey) throws KeyEnvelopeException;

    /** A data key in clear (use it, then forget it) and its wrapped form (store it beside the data). */
    record DataKey(byte[] plaintext, byte[] wrapped) {
    }
}
