package dev.portico.edge;

import static dev.portico.edge.RawHttp.bytes;
import static dev.portico.edge.RawHttp.connect;
import static dev.portico.edge.RawHttp.get;
import static dev.portico.edge.RawHttp.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.acme.AcmeChallengeHandler;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Junk aimed at the challenge path, 2000 requests from a few keep-alive connections on loopback, bounded to 20 s:
 * every one is answered, none costs a read of the (real) store.
 */
class EdgeChallengeFloodIT {
    private static final String PREFIX = AcmeChallengeHandler.PATH_PREFIX;

    private LiveChallengeServer edge;

    @BeforeEach
    void startServer() throws Exception {
        edge = LiveChallengeServer.start();
    }

    @AfterEach
    void stopServer() {
        edge.close();
    }

    @Test
    void aFloodOfMalformedRequestsNeverReachesTheStore() throws Exception {
        String token = token();
        List<String> junk = List.of(
                get(PREFIX + "../" + token, "shop.example.com"),
                get(PREFIX + "%2e%2e%2f" + token, "shop.example.com"),
                get(PREFIX + "%41" + token.substring(1), "shop.example.com"),
                get(PREFIX + "a".repeat(200), "shop.example.com"),
                get(PREFIX + token + "=", "shop.example.com"),
                get(PREFIX + token.substring(0, 5) + "+" + token.substring(6), "shop.example.com"),
                get(PREFIX + token + "/", "shop.example.com"),
                get(PREFIX, "shop.example.com"),
                get("/.well-known//acme-challenge/" + token, "shop.example.com"),
                get(PREFIX + token, "127.0.0.1"),
                get(PREFIX + token, "%73hop.example.com"),
                "GET " + PREFIX + token + " HTTP/1.1\r\n\r\n",
                "POST " + PREFIX + token + " HTTP/1.1\r\nHost: shop.example.com\r\nContent-Length: 0\r\n\r\n");
        int threads = 4;
        int perThread = 500;
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<Callable<Void>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            senders.add(() -> {
                Socket socket = null;
                InputStream in = null;
                for (int i = 0; i < perThread; i++) {
                    if (socket == null) {
                        socket = connect(edge.port);
                        in = new BufferedInputStream(socket.getInputStream());
                    }
                    socket.getOutputStream().write(bytes(junk.get((i + offset) % junk.size())));
                    HttpResponseText response = HttpResponseText.read(in, false);
                    statuses.add(response.status());
                    if ("close".equalsIgnoreCase(response.header("Connection"))) {
                        socket.close();
                        socket = null;
                    }
                }
                if (socket != null) {
                    socket.close();
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> sender : pool.invokeAll(senders, 20, TimeUnit.SECONDS)) {
                assertThat(sender.isCancelled()).as("flood finished within 20 s").isFalse();
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(threads * perThread).allMatch(s -> s == 400 || s == 404 || s == 405);
        assertThat(edge.challenges.readCount()).as("store reads caused by junk").isZero();
    }
}
