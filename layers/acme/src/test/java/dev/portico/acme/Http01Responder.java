package dev.portico.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Answers the CA's HTTP-01 requests from a {@link ChallengeStore}, the way an edge proxy's port 80 does, on the port
 * Pebble validates against. Test-only: one per test class, as only one process can hold that port.
 */
final class Http01Responder implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final ChallengeStore store;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile UnaryOperator<String> tamper = UnaryOperator.identity();

    private Http01Responder(HttpServer server, ChallengeStore store) {
        this.server = server;
        this.store = store;
    }

    static Http01Responder start(int port, ChallengeStore store) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is taken by another process, but Pebble sends its "
                    + "HTTP-01 validations there and this test must answer them; find the holder with "
                    + "'ss -ltnp sport = :" + port + "', stop it (an edge proxy or another test run) and rerun", e);
        }
        Http01Responder responder = new Http01Responder(server, store);
        server.createContext("/", responder::handle);
        // One thread per request: a test that makes answers slow must not hold up the next test's validations.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return responder;
    }

    /** Rewrites every answer from now on, e.g. to answer with a wrong key authorization. */
    void tamper(UnaryOperator<String> rewrite) {
        this.tamper = rewrite;
    }

    /** How many requests got a key authorization in response. */
    int answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> answer;
            try {
                answer = lookup(exchange);
            } catch (StoreException e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (answer.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = answer.get().getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        }
    }

    private Optional<String> lookup(HttpExchange exchange) throws StoreException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return store.answer(path.substring(PREFIX.length()), exchange.getRequestHeaders().getFirst("Host"))
                .map(tamper);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
