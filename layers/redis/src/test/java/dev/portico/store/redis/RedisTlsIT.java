package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoreUnavailableException;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rediss:// against a TLS-only redis-server whose certificate a CA made in this test signed. */
class RedisTlsIT {
    @TempDir
    static Path dir;
    static RedisServerProcess server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=Portico test CA", "-days", "2",
                "-out", "ca.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server.key");
        openssl("req", "-new", "-key", "server.key", "-subj", "/CN=localhost", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
        // 127.0.0.2 reaches the same server under an address the certificate does not list.
        server = RedisServerProcess.startTls(dir, dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("ca.pem"), "--bind", "127.0.0.1", "127.0.0.2");
    }

    @AfterAll
    static void stopTlsServer() throws Exception {
        server.close();
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Test
    void trustedCaGivesAWorkingStoreByAddressAndByName() throws StoreException {
        RedisSettings settings = RedisSettings.of(server.uri("rediss", "127.0.0.1")).withCaFile(dir.resolve("ca.pem"));
        try (RedisStore store = RedisStore.open(settings)) {
            StoredCertificate cert = new StoredCertificate(TestNames.domain(), "-----BEGIN CERTIFICATE-----\n",
                    SealedKey.fromBytes(new byte[] {9, 8, 7}), "01", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
            store.certificates().put(cert);
            assertThat(store.certificates().find(cert.domain())).contains(cert);
        }
        try (RedisStore byName = RedisStore.open(RedisSettings.of(server.uri("rediss", "localhost"))
                .withCaFile(dir.resolve("ca.pem")))) {
            byName.ping();
        }
    }

    @Test
    void withoutTheCaTheErrorIsAboutTlsTrust() {
        try (RedisStore store = RedisStore.open(RedisSettings.of(server.uri("rediss", "127.0.0.1")))) {
            StoreException e = assertThrows(StoreException.class, store::ping);
            assertThat(e).isNotInstanceOf(StoreUnavailableException.class);
            assertThat(e.getMessage()).contains("not trusted").contains("PORTICO_REDIS_CA_FILE");
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void certificateForAnotherAddressIsRefusedEvenFromATrustedCa() throws StoreException {
        try (RedisStore store = RedisStore.open(RedisSettings.of(server.uri("rediss", "127.0.0.2"))
                .withCaFile(dir.resolve("ca.pem")))) {
            StoreException e = assertThrows(StoreException.class, store::ping);
            assertThat(e).isNotInstanceOf(StoreUnavailableException.class);
            assertThat(e.getMessage()).contains("not trusted").contains("127.0.0.2");
        }
    }

    @Test
    void hungTlsServerCostsOneSocketTimeoutNotTwo() throws Exception {
        RedisSettings settings = RedisSettings.of(server.uri("rediss", "127.0.0.1")).withCaFile(dir.resolve("ca.pem"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (RedisStore warmUp = RedisStore.open(settings)) {
            warmUp.ping();
        }
        // A fresh pool: its first connection has to shake hands with a server that no longer answers.
        try (RedisStore store = RedisStore.open(settings)) {
            server.pause();
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class, store::ping);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
        } finally {
            server.resume();
        }
    }

    @Test
    void unreadableCaFileIsAClearErrorAtOpen() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");
        StoreException e = assertThrows(StoreException.class, () -> RedisStore.open(
                RedisSettings.of(server.uri("rediss", "127.0.0.1")).withCaFile(notPem)));
        assertThat(e.getMessage()).contains("not-a-ca.pem").contains("PORTICO_REDIS_CA_FILE");
    }
}
