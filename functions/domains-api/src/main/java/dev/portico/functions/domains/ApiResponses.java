package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** JSON responses in the shape API Gateway expects back from a payload 2.0 integration. */
final class ApiResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    /** Responses describe live state that changes under the client, so no cache may keep them. */
    static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body.toString()).withIsBase64Encoded(false).build();
    }

    /** {@code {"error": code, "message": ..., "field": ...}}; field is null when no single input is at fault. */
    static APIGatewayV2HTTPResponse error(int status, String code, String message, String field,
            Map<String, String> headers) {
        ObjectNode body = JSON.createObjectNode().put("error", code).put("message", message).put("field", field);
        return json(status, body, headers);
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, String field) {
        return error(status, code, message, field, Map.of());
    }
}
