package dev.portico.control.renewal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback playing a CA's directory and {@code renewalInfo} resource (RFC 9773) with recorded
 * responses, since the Pebble packaged here has no ARI. Each certificate id answers what {@link #answer} set; any
 * other id gets the CA's 404.
 */
final class RenewalInfoServer implements AutoCloseable {
    record Answer(int status, String body, String retryAfter) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();

    private RenewalInfoServer(HttpServer server) {
        this.server = server;
    }

    static RenewalInfoServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RenewalInfoServer ca = new RenewalInfoServer(http);
        http.createContext("/directory", ca::directory);
        http.createContext("/renewal-info/", ca::renewalInfo);
        http.start();
        return ca;
    }

    URI directory() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/directory");
    }

    void answer(String certificateId, Answer answer) {
        answers.put(certificateId, answer);
    }

    /** A recorded body from {@code src/test/resources/ari/}. */
    static String recorded(String name) {
        try (InputStream in = RenewalInfoServer.class.getResourceAsStream("/ari/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void directory(HttpExchange exchange) throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        send(exchange, 200, "{\"newNonce\":\"" + base + "/nonce\",\"newAccount\":\"" + base + "/account\","
                + "\"newOrder\":\"" + base + "/order\",\"renewalInfo\":\"" + base + "/renewal-info\"}", null);
    }

    private void renewalInfo(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/renewal-info/".length());
        asked.add(id);
        Answer answer = answers.get(id);
        if (answer == null) {
            send(exchange, 404, "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"no such cert\"}",
                    null);
        } else {
            send(exchange, answer.status(), answer.body(), answer.retryAfter());
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
