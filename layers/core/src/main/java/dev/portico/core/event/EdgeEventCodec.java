package dev.portico.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of {@link EdgeEvent} on the wire: {@code {"type":"cert-updated","id":...,"domain":...,"serial":...,
 * "at":"2026-11-23T18:00:00Z"}}. Written by hand rather than by annotations so the wire format is visible here and
 * cannot drift with a refactoring. Unknown types are refused, so an old proxy says so instead of guessing.
 */
public final class EdgeEventCodec {
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeEventCodec() {
    }

    public static String encode(EdgeEvent event) {
        ObjectNode node = JSON.createObjectNode();
        switch (event) {
            case EdgeEvent.CertificateUpdated e -> node.put("type", "cert-updated").put("serial", e.serial());
            case EdgeEvent.DomainRemoved e -> node.put("type", "domain-removed");
            case EdgeEvent.Purge e -> node.put("type", "purge").put("tenant", e.tenant().value())
                    .put("scope", e.scope().name().toLowerCase(java.util.Locale.ROOT)).put("value", e.value());
        }
        node.put("id", event.id()).put("domain", event.domain().ascii()).put("at", event.at().toString());
        return node.toString();
    }

    public static EdgeEvent decode(String json) throws InvalidInputException {
        if (json == null || json.length() > MAX_MESSAGE_BYTES) {
            throw invalid("message", "event is empty or larger than " + MAX_MESSAGE_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("message", "event is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw invalid("message", "event must be a JSON object");
        }
        String type = text(node, "type");
        String id = text(node, "id");
        DomainName domain;
        try {
            domain = DomainName.ofTrusted(text(node, "domain"));
        } catch (IllegalArgumentException e) {
            throw invalid("domain", "event names an invalid domain: " + e.getMessage());
        }
        Instant at;
        try {
            at = Instant.parse(text(node, "at"));
        } catch (DateTimeParseException e) {
            throw invalid("at", "event time is not an ISO-8601 instant");
        }
        return switch (type) {
            case "cert-updated" -> new EdgeEvent.CertificateUpdated(id, domain, text(node, "serial"), at);
            case "domain-removed" -> new EdgeEvent.DomainRemoved(id, domain, at);
            case "purge" -> purge(node, id, domain, at);
            default -> throw invalid("type", "unknown event type '" + type + "'; this proxy may be older than the sender");
        };
    }

    private static EdgeEvent.Purge purge(JsonNode node, String id, DomainName domain, Instant at)
            throws InvalidInputException {
        EdgeEvent.PurgeScope scope;
        try {
            scope = EdgeEvent.PurgeScope.valueOf(text(node, "scope").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("scope", "purge event scope must be host, url, prefix or tag");
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isTextual()) {
            throw invalid("value", "purge event value is missing or not a string");
        }
        TenantId tenant;
        try {
            tenant = TenantId.parse(text(node, "tenant"));
        } catch (InvalidInputException e) {
            throw invalid("tenant", "purge event tenant is invalid: " + e.getMessage());
        }
        try {
            return new EdgeEvent.Purge(id, domain, tenant, scope, value.asText(), at);
        } catch (IllegalArgumentException e) {
            throw invalid("value", "purge event is invalid: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) throws InvalidInputException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalid(field, "event field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, "invalid_event", message);
    }
}
