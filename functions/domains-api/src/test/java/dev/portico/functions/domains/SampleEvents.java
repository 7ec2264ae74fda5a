package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sample events of {@code events/domains-api}, loaded as Lambda would deserialize them, and variations of them
 * built by changing one thing at a time, so that every test request keeps API Gateway's exact shape.
 */
final class SampleEvents {
    static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/domains-api/" + name);
    }

    static APIGatewayV2HTTPEvent register(String domain, String tenant, String origin) {
        ObjectNode body = JSON.createObjectNode().put("domain", domain).put("tenant", tenant).put("origin", origin);
        return withBody(load("register.json"), body.toString());
    }

    static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    static APIGatewayV2HTTPEvent withBase64Body(APIGatewayV2HTTPEvent event, byte[] body) {
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    static APIGatewayV2HTTPEvent withUtf8Base64Body(String body) {
        return withBase64Body(load("register.json"), body.getBytes(StandardCharsets.UTF_8));
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        event.setHeaders(headers);
        return event;
    }

    /** Sets the query as API Gateway would: the decoded map and the raw string, both. */
    static APIGatewayV2HTTPEvent withQuery(APIGatewayV2HTTPEvent event, Map<String, String> query) {
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        return event;
    }

    /** Points a {@code /domains/{domain}} event at another name, in every place the name appears. */
    static APIGatewayV2HTTPEvent withDomain(APIGatewayV2HTTPEvent event, String domain) {
        event.setPathParameters(Map.of("domain", domain));
        event.setRawPath("/domains/" + domain);
        event.getRequestContext().getHttp().setPath("/domains/" + domain);
        return event;
    }

    /** A request that matched a catch-all route, so only its method and path say what it is. */
    static APIGatewayV2HTTPEvent catchAll(String method, String path) {
        APIGatewayV2HTTPEvent event = load("get.json");
        event.setRouteKey("$default");
        event.getRequestContext().setRouteKey("$default");
        event.setPathParameters(null);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().getHttp().setMethod(method);
        return event;
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }
}
