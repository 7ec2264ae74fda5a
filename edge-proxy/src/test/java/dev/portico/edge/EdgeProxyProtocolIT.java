package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.store.redis.testing.SharedRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROXY protocol v2 as the NLB sends it: the visitor's address reaches the origin in X-Forwarded-For; a connection
 * that does not start with the header (anyone but the load balancer) is closed.
 */
class EdgeProxyProtocolIT {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @TempDir
    Path dir;

    @Test
    void theVisitorsAddressComesFromTheHeader() throws Exception {
        try (SharedRedis redis = SharedRedis.open();
                EdgeFixture edge = EdgeFixture.start(redis.store, dir,
                        ProxySettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                        config -> config.withProxyProtocol(true))) {
            edge.sites.add("pp.proxy.test", "tenant-a", edge.origin.url());
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress("127.0.0.1", edge.ports.https()), 5_000);
            plain.getOutputStream().write(v2Header(new byte[] {(byte) 203, 0, 113, 7}, 51234, 443));
            try (TlsClient client = TlsClient.over(plain, "pp.proxy.test", edge.ca.clientContext())) {
                assertThat(client.get("pp.proxy.test", "/").status()).isEqualTo(200);
            }
            assertThat(edge.origin.seen().get(0).header("X-Forwarded-For")).isEqualTo("203.0.113.7");

            assertThatThrownBy(() -> edge.connect("pp.proxy.test").close())
                    .as("no header: closed before TLS")
                    .isInstanceOf(IOException.class);
        }
    }

    /** PROXY protocol v2, command PROXY, TCP over IPv4. */
    private static byte[] v2Header(byte[] source, int sourcePort, int destinationPort) {
        ByteBuffer header = ByteBuffer.allocate(16 + 12);
        header.put(SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        header.put(source).put(new byte[] {127, 0, 0, 1});
        header.putShort((short) sourcePort).putShort((short) destinationPort);
        return header.array();
    }
}
