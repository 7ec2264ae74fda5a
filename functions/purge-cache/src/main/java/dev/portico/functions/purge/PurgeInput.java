package dev.portico.functions.purge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portico.core.InvalidInputException;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a purge request, the API's body and a direct invocation alike: one JSON object with the string fields
 * {@code tenant}, {@code domain}, {@code scope} and, optionally, {@code value}, nothing else. A duplicate, unknown,
 * missing or wrongly typed field is refused with its own code and named, so nothing a caller adds is silently ignored.
 */
final class PurgeInput {
    static final List<String> FIELDS = List.of("tenant", "domain", "scope", "value");
    /** Duplicate names are an error, as is anything after the value; nesting is bounded (events are a few deep). */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The four fields as given; {@code value} is null when absent or JSON null. */
    record Fields(String tenant, String domain, String scope, String value) {
    }

    private PurgeInput() {
    }

    /** Parses JSON text; {@code what} names the input in errors ({@code body} or {@code event}). */
    static JsonNode parse(String text, String what) throws InvalidInputException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(what, "invalid_json", "the " + what + " holds no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(what, "invalid_json", "the " + what + " is not valid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    static Fields fields(JsonNode node, String what) throws InvalidInputException {
        if (!node.isObject()) {
            throw new InvalidInputException(what, "not_an_object", "the " + what + " must be a JSON object such as"
                    + " {\"tenant\": ..., \"domain\": ..., \"scope\": \"url\", \"value\": \"/index.html\"}, not "
                    + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
                throw new InvalidInputException(shown, "unknown_field", "unknown field '" + shown + "'; a purge has"
                        + " the fields tenant, domain, scope and value");
            }
        }
        for (String name : FIELDS) {
            JsonNode value = node.get(name);
            boolean absent = value == null || (name.equals("value") && value.isNull());
            if (absent && !name.equals("value")) {
                throw new InvalidInputException(name, "missing_field", "field '" + name + "' is missing");
            }
            if (!absent && !value.isTextual()) {
                throw new InvalidInputException(name, "wrong_type", "field '" + name + "' must be a string, not "
                        + describe(value));
            }
        }
        JsonNode value = node.get("value");
        return new Fields(node.get("tenant").asText(), node.get("domain").asText(), node.get("scope").asText(),
                value == null || value.isNull() ? null : value.asText());
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
