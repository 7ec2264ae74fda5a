package dev.portico.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import dev.portico.testkit.MutableClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEnvelopeTest {
    private static final DomainName SHOP = DomainName.ofTrusted("shop.example.com");
    private static final DomainName OTHER = DomainName.ofTrusted("other.example.com");

    @TempDir
    Path dir;

    @Test
    void sealsAndOpensAPrivateKeyWithoutClearTextInTheEnvelope() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        PrivateKey key = newEcKey();
        SealedKey sealed = envelope.seal(key.getEncoded(), SHOP);

        assertThat(new String(sealed.toBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        assertThat(indexOf(sealed.toBytes(), key.getEncoded())).isEqualTo(-1);
        assertThat(Pem.decodePrivateKey(envelope.open(sealed, SHOP))).isEqualTo(key);
    }

    @Test
    void anEnvelopeCopiedToAnotherDomainDoesNotOpen() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        SealedKey sealed = envelope.seal(new byte[] {1, 2, 3}, SHOP);
        assertThatThrownBy(() -> envelope.open(sealed, OTHER))
                .isInstanceOf(KeyEnvelopeException.class).hasMessageContaining("other.example.com");
    }

    @Test
    void namedContextsAreSeparateFromDomains() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        SealedKey account = envelope.seal(new byte[] {4, 2}, "acme-account:localhost:14000");
        assertThat(envelope.open(account, "acme-account:localhost:14000")).containsExactly(4, 2);
        assertThatThrownBy(() -> envelope.open(account, "acme-account:other")).isInstanceOf(KeyEnvelopeException.class);
        assertThatThrownBy(() -> envelope.open(account, SHOP)).isInstanceOf(KeyEnvelopeException.class);
    }

    @Test
    void everyAlteredByteIsDetected() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        byte[] sealed = envelope.seal("secret".getBytes(StandardCharsets.UTF_8), SHOP).toBytes();
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            SealedKey tampered = SealedKey.fromBytes(altered);
            assertThatThrownBy(() -> envelope.open(tampered, SHOP)).as("byte %d", i)
                    .isInstanceOf(KeyEnvelopeException.class);
        }
    }

    @Test
    void anotherMasterKeyCannotOpen() throws Exception {
        SealedKey sealed = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("a.key")))
                .seal(new byte[] {9}, SHOP);
        KeyEnvelope stranger = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("b.key")));
        assertThatThrownBy(() -> stranger.open(sealed, SHOP)).isInstanceOf(KeyEnvelopeException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void masterKeyFileIsOwnerOnlyAndStable() throws Exception {
        Path file = dir.resolve("keys/master.key");
        SealedKey sealed = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(file)).seal(new byte[] {7}, SHOP);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyEnvelope reopened = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(file));
        assertThat(reopened.open(sealed, SHOP)).containsExactly(7);
    }

    @Test
    void dataKeysAreReusedWithinBoundsAndUnwrappedOnce() throws Exception {
        AtomicInteger generated = new AtomicInteger();
        AtomicInteger unwrapped = new AtomicInteger();
        DataKeyProvider local = LocalDataKeyProvider.fromFile(dir.resolve("m.key"));
        DataKeyProvider counting = new DataKeyProvider() {
            @Override
            public DataKey generate() throws KeyEnvelopeException {
                generated.incrementAndGet();
                return local.generate();
            }

            @Override
            public byte[] unwrap(byte[] wrappedKey) throws KeyEnvelopeException {
                unwrapped.incrementAndGet();
                return local.unwrap(wrappedKey);
            }
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
        KeyEnvelope sealer = new KeyEnvelope(counting, clock, Duration.ofMinutes(10), 3);
        SealedKey[] sealed = new SealedKey[5];
        for (int i = 0; i < 5; i++) {
            sealed[i] = sealer.seal(new byte[] {(byte) i}, SHOP);
        }
        assertThat(generated).hasValue(2);
        clock.advance(Duration.ofMinutes(11));
        sealer.seal(new byte[] {5}, SHOP);
        assertThat(generated).hasValue(3);

        KeyEnvelope opener = new KeyEnvelope(counting, clock, Duration.ofMinutes(10), 3);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                assertThat(opener.open(sealed[i], SHOP)).containsExactly(i);
            }
        }
        assertThat(unwrapped).as("one unwrap per distinct data key").hasValue(2);
    }

    private static PrivateKey newEcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPrivate();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
