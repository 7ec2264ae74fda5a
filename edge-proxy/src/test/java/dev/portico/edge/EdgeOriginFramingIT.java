package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.store.redis.testing.SharedRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin that sends more bytes than its Content-Length says (found by http-cache-tests): the extra bytes must not
 * reach the next visitor on the same pooled connection. The raw origin answers its first request with a body longer
 * than declared, and every later request correctly; the next visitor must get that correct answer.
 */
class EdgeOriginFramingIT {
    @TempDir
    Path dir;

    @Test
    void bytesBeyondContentLengthNeverBeginAnotherVisitorsAnswer() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SharedRedis redis = SharedRedis.open();
                EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            Thread.ofVirtual().start(() -> serve(origin, requests));
            edge.sites.add("framing.proxy.test", "tenant-a", "http://127.0.0.1:" + origin.getLocalPort());

            HttpResponseText first;
            HttpResponseText second;
            // One visitor connection, so both requests are on one event loop and its pool of origin connections.
            try (TlsClient client = edge.connect("framing.proxy.test")) {
                first = get(client, "/first");
                Thread.sleep(400);
                second = get(client, "/second");
            }

            assertThat(first.body()).isEqualTo("hello");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("second answer");
        }
    }

    private static HttpResponseText get(TlsClient client, String path) throws Exception {
        return client.exchange("GET " + path + " HTTP/1.1\r\nHost: framing.proxy.test\r\n"
                + "Cache-Control: no-store\r\n\r\n");
    }

    /** Keep-alive; each connection's requests read head by head (GET only). Bounded by the test's lifetime. */
    private static void serve(ServerSocket server, AtomicInteger requests) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        InputStream in = socket.getInputStream();
                        OutputStream out = socket.getOutputStream();
                        while (readHead(in)) {
                            if (requests.getAndIncrement() == 0) {
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(
                                        StandardCharsets.US_ASCII));
                                out.flush();
                                // The surplus arrives once the answer is complete, while the connection idles in
                                // the pool, and is no whole message: nothing reads it until the next request.
                                Thread.sleep(200);
                                out.write(", and bytes nobody asked for".getBytes(StandardCharsets.US_ASCII));
                            } else {
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nsecond answer".getBytes(
                                        StandardCharsets.US_ASCII));
                            }
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // the proxy closed it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }
}
