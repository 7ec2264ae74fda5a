package dev.portico.core.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * A private key encrypted by {@link KeyEnvelope}. Storage interfaces accept this type, never a {@code PrivateKey} or
 * PEM text, so a key cannot reach a store in clear by mistake.
 */
public final class SealedKey {
    private final byte[] envelope;

    private SealedKey(byte[] envelope) {
        this.envelope = envelope;
    }

    /** Wraps bytes read back from storage; {@link KeyEnvelope#open} verifies them. */
    public static SealedKey fromBytes(byte[] envelope) {
        if (envelope == null || envelope.length == 0) {
            throw new IllegalArgumentException("empty sealed key");
        }
        return new SealedKey(envelope.clone());
    }

    public static SealedKey fromBase64(String text) {
        return fromBytes(Base64.getDecoder().decode(text));
    }

    public byte[] toBytes() {
        return envelope.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(envelope);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedKey other && Arrays.equals(envelope, other.envelope);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return "SealedKey[" + envelope.length + " bytes]";
    }
}
