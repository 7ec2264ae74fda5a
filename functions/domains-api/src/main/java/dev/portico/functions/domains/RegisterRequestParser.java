package dev.portico.functions.domains;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /domains}: exactly one JSON object with the string fields {@code domain},
 * {@code tenant} and {@code origin}, nothing else. Parsed as a stream rather than bound to a class, so that each
 * departure (duplicate, unknown, missing, wrongly typed field, trailing content) gets its own code and names the
 * field, and nothing a client adds is silently ignored.
 */
final class RegisterRequestParser {
    static final List<String> FIELDS = List.of("domain", "tenant", "origin");
    /** The valid body is one level deep; deeper nesting is only ever skipped over, so keep the bound small. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build();

    record RegisterRequest(String domain, String tenant, String origin) {
    }

    private RegisterRequestParser() {
    }

    static RegisterRequest parse(String text) throws RequestRejectedException {
        Map<String, JsonToken> types = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        String duplicate = null;
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                throw invalidJson("the body holds no JSON value");
            }
            if (root != JsonToken.START_OBJECT) {
                p.skipChildren();
                requireEnd(p);
                throw RequestRejectedException.badRequest("not_an_object", "body", "the body must be a JSON object"
                        + " such as {\"domain\": ..., \"tenant\": ..., \"origin\": ...}, not " + describe(root));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (types.containsKey(name) && duplicate == null) {
                    duplicate = name;
                }
                types.putIfAbsent(name, value);
                if (value == JsonToken.VALUE_STRING) {
                    strings.putIfAbsent(name, p.getText());
                }
                p.skipChildren();
            }
            requireEnd(p);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalidJson("the body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw invalidJson("the body could not be read as JSON: " + e.getMessage());
        }
        return fields(types, strings, duplicate);
    }

    private static RegisterRequest fields(Map<String, JsonToken> types, Map<String, String> strings,
            String duplicate) throws RequestRejectedException {
        if (duplicate != null) {
            throw RequestRejectedException.badRequest("duplicate_field", Texts.clip(duplicate, 100),
                    "field '" + Texts.clip(duplicate, 100) + "' appears more than once");
        }
        for (String name : types.keySet()) {
            if (!FIELDS.contains(name)) {
                throw RequestRejectedException.badRequest("unknown_field", Texts.clip(name, 100), "unknown field '"
                        + Texts.clip(name, 100) + "'; a registration has exactly the fields domain, tenant and origin");
            }
        }
        for (String name : FIELDS) {
            JsonToken type = types.get(name);
            if (type == null) {
                throw RequestRejectedException.badRequest("missing_field", name, "field '" + name + "' is missing");
            }
            if (type != JsonToken.VALUE_STRING) {
                throw RequestRejectedException.badRequest("wrong_type", name,
                        "field '" + name + "' must be a string, not " + describe(type));
            }
            if (!isWellFormed(strings.get(name))) {
                throw RequestRejectedException.badRequest("invalid_unicode", name,
                        "field '" + name + "' holds an unpaired surrogate escape, which is not a character");
            }
        }
        return new RegisterRequest(strings.get("domain"), strings.get("tenant"), strings.get("origin"));
    }

    /** Escapes such as \ud800 parse into text that no UTF-8 store or certificate can hold. */
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void requireEnd(JsonParser p) throws IOException, RequestRejectedException {
        if (p.nextToken() != null) {
            throw invalidJson("the body has more content after its JSON value (line "
                    + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")");
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static RequestRejectedException invalidJson(String message) {
        return RequestRejectedException.badRequest("invalid_json", "body", message);
    }
}
