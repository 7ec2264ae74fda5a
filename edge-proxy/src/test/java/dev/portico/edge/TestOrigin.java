package dev.portico.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP origin on loopback (the JDK's server): answers every request with what {@link #respond} set, and keeps
 * what it received, so tests can check what the proxy forwarded.
 */
public final class TestOrigin implements AutoCloseable {
    /** One request as the origin saw it. */
    public record Seen(String method, String uri, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** What the origin answers. */
    public record Answer(int status, String contentType, byte[] body, long delayMillis) {
        public static Answer text(String body) {
            return new Answer(200, "text/plain", body.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.text("hello from the origin\n"));

    private TestOrigin(HttpServer server) {
        this.server = server;
    }

    public static TestOrigin start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        TestOrigin origin = new TestOrigin(server);
        server.createContext("/", origin::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return origin;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void respond(Answer next) {
        answer.set(next);
    }

    public List<Seen> seen() {
        return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders(), body));
        Answer current = answer.get();
        if (current.delayMillis() > 0) {
            try {
                Thread.sleep(current.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().set("Content-Type", current.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(current.status(), head ? -1 : current.body().length == 0 ? -1
                : current.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(current.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
