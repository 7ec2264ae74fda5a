package dev.portico.core.issuance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The JSON body of an issuance-queue message: {@code {"domain":..,"reason":"registered","attempt":1,
 * "firstAsked":"2026-11-23T18:00:00Z"}}. A message that does not parse is refused with the field at fault; the
 * consumer drops it (to the DLQ) rather than retrying something that can never succeed.
 */
public final class IssuanceRequestCodec {
    public static final int MAX_MESSAGE_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuanceRequestCodec() {
    }

    public static String encode(IssuanceRequest request) {
        return JSON.createObjectNode()
                .put("domain", request.domain().ascii())
                .put("reason", request.reason().name().toLowerCase(Locale.ROOT))
                .put("attempt", request.attempt())
                .put("firstAsked", request.firstAsked().toString())
                .toString();
    }

    public static IssuanceRequest decode(String json) throws InvalidInputException {
        if (json == null || json.length() > MAX_MESSAGE_BYTES) {
            throw invalid("message", "issuance message is empty or larger than " + MAX_MESSAGE_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("message", "issuance message is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw invalid("message", "issuance message must be a JSON object");
        }
        try {
            DomainName domain = DomainName.ofTrusted(text(node, "domain"));
            IssuanceRequest.Reason reason = IssuanceRequest.Reason.valueOf(text(node, "reason").toUpperCase(Locale.ROOT));
            JsonNode attempt = node.get("attempt");
            if (attempt == null || !attempt.canConvertToInt() || attempt.asInt() < 1) {
                throw invalid("attempt", "issuance message field 'attempt' must be a positive integer");
            }
            return new IssuanceRequest(domain, reason, attempt.asInt(), Instant.parse(text(node, "firstAsked")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid("message", "issuance message has an invalid field: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) throws InvalidInputException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(field, "issuance message field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, "invalid_issuance_message", message);
    }
}
