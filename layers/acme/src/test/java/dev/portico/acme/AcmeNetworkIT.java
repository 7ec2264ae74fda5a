package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.testkit.LocalServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A CA that cannot be reached fails fast with a retryable error, never a hang. */
class AcmeNetworkIT {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration READ = Duration.ofSeconds(2);

    @Test
    void aClosedPortFailsWithANetworkErrorWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertFailsFast(URI.create("https://127.0.0.1:" + port + "/dir"));
    }

    @Test
    void aDirectoryThatNeverAnswersFailsWithinConnectPlusReadTimeout() throws Exception {
        // The kernel completes the TCP handshake from the backlog; nothing ever reads or answers the TLS hello.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFailsFast(URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/dir"));
        }
    }

    /** Not retryable: waiting does not make an untrusted certificate trusted. */
    @Test
    void pebbleIsTrustedOnlyByTheClientGivenItsCaFile() throws Exception {
        AcmeSettings untrusted = AcmeSettings.forDirectory(LocalServices.acmeDirectory()).withTimeouts(CONNECT, READ);
        try (AcmeClient trusting = AcmeClient.create(Pebble.settings());
                AcmeClient plain = AcmeClient.create(untrusted)) {
            assertThat(trusting.termsOfService()).isPresent();
            // The trusting client has not leaked Pebble's CA into the JVM's default trust.
            assertThatThrownBy(plain::termsOfService)
                    .isInstanceOf(AcmeConfigurationException.class)
                    .hasMessageContaining("not trusted")
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    private static void assertFailsFast(URI directory) throws Exception {
        AcmeSettings settings = AcmeSettings.forDirectory(directory).withTimeouts(CONNECT, READ);
        try (AcmeClient client = AcmeClient.create(settings)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.account(AcmeKeys.generateEcP256()).agreeToTermsOfService().findOrCreate())
                    .isInstanceOfSatisfying(AcmeNetworkException.class, e -> {
                        assertThat(e.getDirectory()).isEqualTo(directory);
                        assertThat(e.getRetryAfter()).isEmpty();
                        assertThat(e).isInstanceOf(AcmeRetryableException.class);
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%s failed after %d ms%n", directory, took.toMillis());
            assertThat(took).isLessThan(CONNECT.plus(READ).plusMillis(500));
        }
    }
}
