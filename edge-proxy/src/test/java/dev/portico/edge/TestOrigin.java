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
import java.util.Map;
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

    /**
     * What the origin answers. With an ETag among its headers, a request whose If-None-Match names it gets 304, as
     * real origins do.
     */
    public record Answer(int status, String contentType, byte[] body, long delayMillis, Map<String, String> headers) {
        public Answer(int status, String contentType, byte[] body, long delayMillis) {
            this(status, contentType, body, delayMillis, Map.of());
        }

        public static Answer text(String body) {
            return new Answer(200, "text/plain", body.getBytes(StandardCharsets.UTF_8), 0);
        }

        public Answer with(String name, String value) {
            Map<String, String> next = new java.util.LinkedHashMap<>(headers);
            next.put(name, value);
            return new Answer(status, contentType, body, delayMillis, next);
        }

        public Answer delayed(long millis) {
            return new Answer(status, contentType, body, millis, headers);
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
        current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        String etag = current.headers().get("ETag");
        if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(current.status(), head ? -1 : current.body().length == 0 ? -1
                : current.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(current.body());
            }
        }
    }

    private boolean closed;

    /** Stops answering (connections refused from then on); closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}
