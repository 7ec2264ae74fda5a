package dev.portico.functions.purge;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.InvalidInputException;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /purge} over {@link PurgeService}: 202 with what was published, or
 * {@code {"error": code, "message": ..., "field": ...}} as the Domains API answers: 400 naming the rule broken, 403
 * {@code not_owner}, 404 {@code domain_not_found}, 405, 413, 415, 503 with {@code Retry-After} when the store or the
 * topic is away. Nothing is published for a refused request.
 */
final class PurgeApi {
    static final String ROUTE = "POST /purge";
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PurgeApi.class);
    private static final String OUTAGE_RETRY_SECONDS = "5";

    private final PurgeService service;

    PurgeApi(PurgeService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** The HTTP request itself was refused before the service saw it. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String field;
        final Map<String, String> headers;

        Rejected(int status, String code, String field, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.code = code;
            this.field = field;
            this.headers = headers;
        }

        Rejected(int status, String code, String field, String message) {
            this(status, code, field, message, Map.of());
        }
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, PurgeLog log) {
        try {
            checkRoute(event);
            String query = event.getRawQueryString();
            if (query != null && !query.isEmpty()) {
                String name = query.split("[&=]", 2)[0];
                throw new Rejected(400, "unknown_parameter", clip(name, 100), "POST /purge takes no query"
                        + " parameters; send tenant, domain, scope and value in the JSON body");
            }
            PurgeInput.Fields fields = PurgeInput.fields(PurgeInput.parse(bodyText(event), "body"), "body");
            log.request(fields);
            PurgeResult result = service.purge(fields.tenant(), fields.domain(), fields.scope(), fields.value());
            log.published(result);
            return json(202, PurgeView.of(result), Map.of());
        } catch (Exception e) {
            return error(e, log);
        }
    }

    /**
     * The template routes only {@code POST /purge} here; a catch-all route or a hand-made event leaves the method
     * and path to decide.
     */
    private static void checkRoute(APIGatewayV2HTTPEvent event) throws Rejected {
        if (ROUTE.equals(event.getRouteKey())) {
            return;
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext() == null ? null
                : event.getRequestContext().getHttp();
        String path = event.getRawPath() != null ? event.getRawPath() : http == null ? null : http.getPath();
        String method = http == null || http.getMethod() == null ? "" : http.getMethod().toUpperCase(Locale.ROOT);
        if (!"/purge".equals(path)) {
            throw new Rejected(404, "route_not_found", null, "no such resource: " + clip(path, 200)
                    + "; this function serves POST /purge");
        }
        if (!method.equals("POST")) {
            throw new Rejected(405, "method_not_allowed", null, "method '" + clip(method, 20)
                    + "' is not allowed on /purge; allowed: POST", Map.of("allow", "POST"));
        }
    }

    /** The body as text: JSON media type, base64 undone when API Gateway applied it, size bounded, strict UTF-8. */
    private static String bodyText(APIGatewayV2HTTPEvent event) throws Rejected {
        String type = header(event.getHeaders(), "content-type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new Rejected(415, "unsupported_media_type", "content-type", type == null || type.isBlank()
                    ? "the request has no Content-Type; send the body as application/json"
                    : "Content-Type must be application/json, not '" + clip(media, 100) + "'");
        }
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw new Rejected(400, "body_missing", "body", "the request has no body; send {\"tenant\": ...,"
                    + " \"domain\": ..., \"scope\": ..., \"value\": ...}");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if (body.length() > 4 * ((MAX_BODY_BYTES + 2) / 3)) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new Rejected(400, "invalid_base64", "body", "the body is marked base64-encoded but is not"
                        + " valid base64: " + e.getMessage());
            }
        } else {
            if (body.length() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Rejected(400, "invalid_utf8", "body", "the body is not valid UTF-8");
        }
    }

    private static Rejected tooLarge() {
        return new Rejected(413, "body_too_large", "body", "the body is larger than " + MAX_BODY_BYTES
                + " bytes; a purge needs a few hundred");
    }

    /** Header names are case-insensitive; API Gateway sends them in lower case, other invokers may not. */
    private static String header(Map<String, String> headers, String name) {
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (name.equalsIgnoreCase(h.getKey())) {
                    return h.getValue();
                }
            }
        }
        return null;
    }

    private record Failure(int status, String code, String message, String field, Map<String, String> headers) {
        Failure(int status, String code, String message, String field) {
            this(status, code, message, field, Map.of());
        }
    }

    private static APIGatewayV2HTTPResponse error(Exception failure, PurgeLog log) {
        Failure f = switch (failure) {
            case Rejected r -> new Failure(r.status, r.code, r.getMessage(), r.field, r.headers);
            case InvalidInputException e -> new Failure(400, e.getCode(), e.getMessage(), e.getField());
            case PurgeRefusedException e -> new Failure(
                    e.reason() == PurgeRefusedException.Reason.NOT_OWNER ? 403 : 404, e.code(), e.getMessage(),
                    e.field());
            case StoreException e -> new Failure(503, "store_unavailable", "the domain store is unavailable right"
                    + " now; nothing was purged, retry in a few seconds", null,
                    Map.of("retry-after", OUTAGE_RETRY_SECONDS));
            case EventPublishException e -> new Failure(503, "publish_failed", "the purge could not be handed to"
                    + " the edge proxies right now; nothing was purged, retry in a few seconds", null,
                    Map.of("retry-after", OUTAGE_RETRY_SECONDS));
            default -> new Failure(500, "internal_error", "the request failed unexpectedly; it has been logged",
                    null);
        };
        log.errorCode(f.code());
        if (f.status() >= 500) {
            // The underlying messages name endpoints and topic ARNs: logged, never sent to the client.
            LOG.atError().addKeyValue("error", f.code()).setCause(failure)
                    .log("purge failed: {}", failure.getMessage());
        }
        return error(f.status(), f.code(), f.message(), f.field(), f.headers());
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, String field,
            Map<String, String> headers) {
        ObjectNode body = PurgeInput.JSON.createObjectNode().put("error", code).put("message", message)
                .put("field", field);
        return json(status, body, headers);
    }

    /** Responses describe one action at one time, so no cache may keep them. */
    static APIGatewayV2HTTPResponse json(int status, ObjectNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body.toString()).withIsBase64Encoded(false).build();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
