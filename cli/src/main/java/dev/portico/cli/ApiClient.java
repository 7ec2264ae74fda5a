package dev.portico.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The domains API over HTTP. Errors come back as the API words them ({@code {"error","message","field"}}) inside a
 * {@link CliException} with an exit code by kind; a refused connection says which URL and how to point elsewhere.
 * Retries: connection failures and 502/503/504 twice more, 0.5 s then 1 s apart; 429 once, after its Retry-After
 * when that is 5 s or less.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

    /** What the API answered. */
    record Answer(int status, JsonNode body) {
    }

    private final URI base;
    private final RequestSigner signer;
    private final HttpClient http;

    ApiClient(URI base, RequestSigner signer) {
        this.base = base;
        this.signer = signer;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    Answer get(String pathAndQuery) throws CliException {
        return send("GET", pathAndQuery, null);
    }

    Answer post(String path, JsonNode body) throws CliException {
        return send("POST", path, body);
    }

    Answer delete(String pathAndQuery) throws CliException {
        return send("DELETE", pathAndQuery, null);
    }

    private Answer send(String method, String pathAndQuery, JsonNode json) throws CliException {
        URI uri = base.resolve(stripTrailingSlash(base.getPath()) + pathAndQuery);
        byte[] body = json == null ? new byte[0] : json.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        if (json != null) {
            headers.put("content-type", "application/json");
        }
        Duration pause = Duration.ofMillis(500);
        boolean rateLimitedOnce = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            signer.sign(method, uri, headers, body).forEach(request::header);
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                if (attempt < ATTEMPTS && sleep(pause)) {
                    pause = pause.multipliedBy(2);
                    continue;
                }
                throw new CliException(CliException.UNREACHABLE, "cannot reach the Portico API at " + base
                        + " (connection refused); is it running? Point elsewhere with --api or PORTICO_API_URL");
            } catch (HttpTimeoutException e) {
                throw new CliException(CliException.UNREACHABLE, "the Portico API at " + base
                        + " did not answer within 30 s; retry, or check its health");
            } catch (IOException e) {
                if (attempt < ATTEMPTS && sleep(pause)) {
                    pause = pause.multipliedBy(2);
                    continue;
                }
                throw new CliException(CliException.UNREACHABLE, "talking to the Portico API at " + base
                        + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(CliException.API_ERROR, "interrupted");
            }
            int status = response.statusCode();
            if ((status == 502 || status == 503 || status == 504) && attempt < ATTEMPTS && sleep(pause)) {
                pause = pause.multipliedBy(2);
                continue;
            }
            Optional<Duration> retryAfter = response.headers().firstValue("retry-after").flatMap(ApiClient::seconds);
            if (status == 429 && !rateLimitedOnce && retryAfter.isPresent()
                    && retryAfter.get().compareTo(MAX_RETRY_AFTER) <= 0 && sleep(retryAfter.get())) {
                rateLimitedOnce = true;
                continue;
            }
            return answer(status, response.body(), retryAfter);
        }
    }

    private static Answer answer(int status, String text, Optional<Duration> retryAfter) throws CliException {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new CliException(CliException.API_ERROR, "the API answered " + status + " with a body that is not "
                    + "JSON; is --api pointing at the Portico API?");
        }
        if (status < 400) {
            return new Answer(status, body);
        }
        String message = body.path("message").asText("the API answered " + status);
        String field = body.path("field").isTextual() ? " (field: " + body.path("field").asText() + ")" : "";
        String code = body.path("error").asText("http_" + status);
        String wait = retryAfter.map(d -> "; retry after " + d.toSeconds() + " s").orElse("");
        int exit = switch (status) {
            case 404 -> CliException.NOT_FOUND;
            case 403 -> CliException.FORBIDDEN;
            default -> CliException.API_ERROR;
        };
        throw new CliException(exit, code + ": " + message + field + wait);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stripTrailingSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
