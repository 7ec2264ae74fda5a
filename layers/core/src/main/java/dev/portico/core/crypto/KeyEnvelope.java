package dev.portico.core.crypto;

import dev.portico.core.domain.DomainName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys with AES-256-GCM under a data key from a {@link DataKeyProvider}, binding each sealed key to its
 * domain or another named context (an envelope copied to another domain does not open).
 *
 * <p>Envelope v1: {@code 0x01 | u16 wrappedKeyLength | wrappedKey | 12-byte IV | ciphertext+tag}; the additional
 * authenticated data is the context (the domain) plus every header byte, so no byte can be changed unnoticed.
 *
 * <p>A data key is reused for up to {@code maxUses} seals or {@code maxAge}, and unwrapped data keys are cached (a
 * bounded LRU), because a proxy loading 100k certificates must not make 100k KMS calls. Thread-safe.
 */
public final class KeyEnvelope {
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int UNWRAPPED_CACHE_SIZE = 1024;
    private static final byte[] AAD_PREFIX = "portico-key-v1:".getBytes(StandardCharsets.US_ASCII);

    private final DataKeyProvider provider;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxUses;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> unwrapped = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > UNWRAPPED_CACHE_SIZE;
        }
    };

    private DataKeyProvider.DataKey current;
    private Instant currentSince;
    private int currentUses;

    public KeyEnvelope(DataKeyProvider provider, Clock clock, Duration maxAge, int maxUses) {
        this.provider = provider;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxUses = maxUses;
    }

    /** A data key serves at most an hour or 1,000 seals. */
    public static KeyEnvelope withDefaults(DataKeyProvider provider) {
        return new KeyEnvelope(provider, Clock.systemUTC(), Duration.ofHours(1), 1000);
    }

    /** Seals a certificate's private key, bound to its domain. */
    public SealedKey seal(byte[] secret, DomainName domain) throws KeyEnvelopeException {
        return seal(secret, domain.ascii());
    }

    public byte[] open(SealedKey sealedKey, DomainName domain) throws KeyEnvelopeException {
        return open(sealedKey, domain.ascii());
    }

    /**
     * Seals any other secret, bound to a context that names what it is, e.g. {@code acme-account:<directory>}. A
     * context with ':' can never equal a domain name, so such an envelope never opens as a certificate key.
     */
    public SealedKey seal(byte[] secret, String context) throws KeyEnvelopeException {
        DataKeyProvider.DataKey key = dataKeyForSealing();
        byte[] header = header(key.wrapped());
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key.plaintext(), iv, context, header).doFinal(secret);
            return SealedKey.fromBytes(ByteBuffer.allocate(header.length + IV_BYTES + sealed.length)
                    .put(header).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new KeyEnvelopeException("cannot seal key for " + context + ": " + e.getMessage(), e);
        }
    }

    public byte[] open(SealedKey sealedKey, String context) throws KeyEnvelopeException {
        ByteBuffer in = ByteBuffer.wrap(sealedKey.toBytes());
        if (in.remaining() < 3 || in.get() != VERSION) {
            throw new KeyEnvelopeException("sealed key for " + context + " has an unknown format");
        }
        int wrappedLength = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < wrappedLength + IV_BYTES + 16) {
            throw new KeyEnvelopeException("sealed key for " + context + " is truncated");
        }
        byte[] wrapped = new byte[wrappedLength];
        in.get(wrapped);
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        byte[] dataKey = unwrapCached(wrapped);
        try {
            return cipher(Cipher.DECRYPT_MODE, dataKey, iv, context, header(wrapped)).doFinal(sealed);
        } catch (GeneralSecurityException e) {
            throw new KeyEnvelopeException("sealed key does not open for " + context
                    + ": it was altered or sealed for another domain or purpose", e);
        }
    }

    private synchronized DataKeyProvider.DataKey dataKeyForSealing() throws KeyEnvelopeException {
        Instant now = clock.instant();
        if (current == null || currentUses >= maxUses || !now.isBefore(currentSince.plus(maxAge))) {
            current = provider.generate();
            currentSince = now;
            currentUses = 0;
            synchronized (unwrapped) {
                unwrapped.put(cacheKey(current.wrapped()), current.plaintext());
            }
        }
        currentUses++;
        return current;
    }

    private byte[] unwrapCached(byte[] wrapped) throws KeyEnvelopeException {
        String cacheKey = cacheKey(wrapped);
        synchronized (unwrapped) {
            byte[] hit = unwrapped.get(cacheKey);
            if (hit != null) {
                return hit;
            }
        }
        byte[] plain = provider.unwrap(wrapped);
        synchronized (unwrapped) {
            unwrapped.put(cacheKey, plain);
        }
        return plain;
    }

    private static String cacheKey(byte[] wrapped) {
        return Base64.getEncoder().encodeToString(wrapped);
    }

    private static byte[] header(byte[] wrapped) throws KeyEnvelopeException {
        if (wrapped.length > 0xffff) {
            throw new KeyEnvelopeException("wrapped data key too long: " + wrapped.length + " bytes");
        }
        return ByteBuffer.allocate(3 + wrapped.length).put(VERSION).putShort((short) wrapped.length).put(wrapped)
                .array();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String context, byte[] header)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(AAD_PREFIX);
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        cipher.updateAAD(new byte[] {0});
        cipher.updateAAD(header);
        return cipher;
    }

    @Override
    public String toString() {
        return "KeyEnvelope[" + provider.getClass().getSimpleName() + ", maxAge=" + maxAge + ", maxUses=" + maxUses
                + "]";
    }

}
