package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The HTTP API on loopback, standing in for API Gateway: each request becomes a payload 2.0 event for the
 * DomainsApi function, and its response goes back as is. No IAM signing locally; bodies over 1 MiB are cut off here
 * as API Gateway would (the function itself refuses anything over 16 KiB).
 */
public final class LocalApiServer implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;

    private LocalApiServer(HttpServer server) {
        this.server = server;
    }

    public static LocalApiServer start(int port, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, function);
            }
        });
        server.start();
        return new LocalApiServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function)
            throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(exchange, 413, Map.of("content-type", "application/json"),
                    "{\"error\":\"body_too_large\",\"message\":\"request body over 1 MiB\",\"field\":\"body\"}");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(exchange.getRequestMethod(), uri,
                body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), headers);
        if (body.length > 0 && !isUtf8(body)) {
            // API Gateway passes bytes it cannot treat as text base64-encoded; so does this stand-in.
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
        APIGatewayV2HTTPResponse response = function.apply(event);
        send(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody() == null ? "" : response.getBody());
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
