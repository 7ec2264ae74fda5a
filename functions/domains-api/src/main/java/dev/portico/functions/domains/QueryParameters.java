package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of a request. API Gateway decodes it into {@code queryStringParameters}, joining repeated names
 * with commas; an event without that map (a hand-made one) is read from {@code rawQueryString} the same way.
 * Parameters an operation does not know are refused, as unknown body fields are: a misspelt {@code limt} should
 * fail loudly, not list 50 domains.
 */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters of(APIGatewayV2HTTPEvent event, Set<String> allowed) throws RequestRejectedException {
        Map<String, String> values = event.getQueryStringParameters() != null
                ? new LinkedHashMap<>(event.getQueryStringParameters())
                : parseRaw(event.getRawQueryString());
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw RequestRejectedException.badRequest("unknown_parameter", Texts.clip(name, 100),
                        "unknown query parameter '" + Texts.clip(name, 100) + "'; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new QueryParameters(values);
    }

    private static Map<String, String> parseRaw(String raw) throws RequestRejectedException {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                values.merge(name, value, (a, b) -> a + "," + b);
            } catch (IllegalArgumentException e) {
                throw RequestRejectedException.badRequest("invalid_query", null,
                        "the query string has an invalid percent-encoding: " + Texts.clip(pair, 100));
            }
        }
        return values;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The page size: absent means the default; anything but a plain decimal number is refused here. */
    int limit(int defaultLimit) throws RequestRejectedException {
        Optional<String> raw = get("limit");
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        if (!raw.get().matches("[0-9]{1,4}")) {
            throw RequestRejectedException.badRequest("invalid_limit", "limit",
                    "limit must be a whole number from 1 to 100, not '" + Texts.clip(raw.get(), 20) + "'");
        }
        return Integer.parseInt(raw.get());
    }
}
