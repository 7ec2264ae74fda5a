package dev.portico.core.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoredCertificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The archived form of records and certificates: one JSON object each, with {@code "version": 1}. Instants are ISO-8601
 * (millisecond precision, as the records keep them), the sealed key base64. A reader refuses any other version, so a
 * newer writer's objects are skipped and logged rather than misread; a new version adds a branch here.
 *
 * <pre>{@code
 * {"version":1,"kind":"domain","domain":"shop.example.org","tenant":"acme","origin":"https://o.example",
 *  "status":"active","reason":null,"certificate":{"serial":"..","notBefore":"..","notAfter":".."},
 *  "renewAt":"..","createdAt":"..","updatedAt":".."}
 * {"version":1,"kind":"certificate","domain":"shop.example.org","chainPem":"-----BEGIN..","key":"AQ..",
 *  "serial":"..","notBefore":"..","notAfter":".."}
 * }</pre>
 */
public final class ArchiveCodec {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveCodec() {
    }

    public static String encode(DomainRecord r) {
        ObjectNode node = header("domain", r.domain());
        node.put("tenant", r.tenant().value()).put("origin", r.origin().toString())
                .put("status", r.status().wireName()).put("reason", r.reason().orElse(null));
        r.certificate().ifPresentOrElse(c -> node.putObject("certificate").put("serial", c.serial())
                .put("notBefore", c.notBefore().toString()).put("notAfter", c.notAfter().toString()),
                () -> node.putNull("certificate"));
        node.put("renewAt", r.renewAt().map(Instant::toString).orElse(null))
                .put("createdAt", r.createdAt().toString()).put("updatedAt", r.updatedAt().toString());
        return node.toString();
    }

    public static String encode(StoredCertificate c) {
        return header("certificate", c.domain()).put("chainPem", c.chainPem()).put("key", c.key().toBase64())
                .put("serial", c.serial()).put("notBefore", c.notBefore().toString())
                .put("notAfter", c.notAfter().toString()).toString();
    }

    /** @param where names the object (e.g. its S3 key) in error messages */
    public static DomainRecord decodeRecord(String json, DomainName expected, String where)
            throws UnreadableArchiveEntryException {
        JsonNode n = read(json, "domain", expected, where);
        try {
            JsonNode cert = n.get("certificate");
            Optional<CertificateSummary> summary = cert == null || cert.isNull() ? Optional.empty()
                    : Optional.of(new CertificateSummary(text(cert, "serial", where),
                            instant(cert, "notBefore", where), instant(cert, "notAfter", where)));
            DomainStatus status = DomainStatus.fromWireName(text(n, "status", where)).orElseThrow(
                    () -> unreadable(where, "unknown status '" + n.get("status").asText() + "'", null));
            return new DomainRecord(expected, new TenantId(text(n, "tenant", where)),
                    OriginUrl.ofTrusted(text(n, "origin", where)), status, optionalText(n, "reason"), summary,
                    optionalText(n, "renewAt").map(Instant::parse), instant(n, "createdAt", where),
                    instant(n, "updatedAt", where));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw unreadable(where, "invalid field: " + e.getMessage(), e);
        }
    }

    public static StoredCertificate decodeCertificate(String json, DomainName expected, String where)
            throws UnreadableArchiveEntryException {
        JsonNode n = read(json, "certificate", expected, where);
        try {
            return new StoredCertificate(expected, text(n, "chainPem", where),
                    SealedKey.fromBase64(text(n, "key", where)), text(n, "serial", where),
                    instant(n, "notBefore", where), instant(n, "notAfter", where));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw unreadable(where, "invalid field: " + e.getMessage(), e);
        }
    }

    private static ObjectNode header(String kind, DomainName domain) {
        return JSON.createObjectNode().put("version", VERSION).put("kind", kind).put("domain", domain.ascii());
    }

    private static JsonNode read(String json, String kind, DomainName expected, String where)
            throws UnreadableArchiveEntryException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw unreadable(where, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw unreadable(where, "not a JSON object", null);
        }
        if (node.path("version").asInt(-1) != VERSION) {
            throw unreadable(where, "format version " + node.path("version") + " is not " + VERSION
                    + " (written by another version of Portico?)", null);
        }
        if (!kind.equals(node.path("kind").asText()) || !expected.ascii().equals(node.path("domain").asText())) {
            throw unreadable(where, "expected a " + kind + " of " + expected + ", found a " + node.path("kind")
                    + " of " + node.path("domain"), null);
        }
        return node;
    }

    private static String text(JsonNode node, String field, String where) throws UnreadableArchiveEntryException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw unreadable(where, "field '" + field + "' is missing or not a string", null);
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Instant instant(JsonNode node, String field, String where) throws UnreadableArchiveEntryException {
        return Instant.parse(text(node, field, where));
    }

    private static UnreadableArchiveEntryException unreadable(String where, String what, Throwable cause) {
        return new UnreadableArchiveEntryException("archived object " + where + " cannot be read: " + what
                + "; inspect it, then fix or delete it (the domain is not restored from it meanwhile)", cause);
    }
}
