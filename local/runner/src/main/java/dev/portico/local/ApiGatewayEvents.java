package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds HTTP API (payload format 2.0) events the way API Gateway does for an IAM-authorized request: route key,
 * raw path and query, lower-case headers, decoded path parameters, request context. The local runner calls the
 * DomainsApi handler with these, so it sees exactly what it sees behind API Gateway.
 */
final class ApiGatewayEvents {
    private static final Pattern DOMAIN_PATH = Pattern.compile("/domains/([^/]+)");
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, String jsonBody) {
        return request(method, pathAndQuery, jsonBody,
                jsonBody == null ? Map.of() : Map.of("content-type", "application/json"));
    }

    /** With the client's own headers (names lower-cased, as API Gateway passes them). */
    static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, String body,
            Map<String, String> clientHeaders) {
        String jsonBody = body;
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Matcher domainPath = DOMAIN_PATH.matcher(path);
        String routeKey = method + (domainPath.matches() ? " /domains/{domain}" : " " + path);
        Instant now = Instant.now();

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "portico.execute-api.local");
        headers.put("user-agent", "portico-local");
        clientHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        if (jsonBody != null) {
            headers.put("content-length", Integer.toString(jsonBody.getBytes(StandardCharsets.UTF_8).length));
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent("portico-local").build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName("portico.execute-api.local")
                .withDomainPrefix("portico").withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey).withStage("$default").withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString(rawQuery)
                .withHeaders(headers).withQueryStringParameters(query(rawQuery))
                .withPathParameters(domainPath.matches() ? Map.of("domain", decode(domainPath.group(1))) : null)
                .withRequestContext(context).withBody(jsonBody).withIsBase64Encoded(false).build();
    }

    /** As API Gateway: absent when there is no query; repeated names joined with commas. */
    private static Map<String, String> query(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.merge(name, value, (a, b) -> a + "," + b);
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
