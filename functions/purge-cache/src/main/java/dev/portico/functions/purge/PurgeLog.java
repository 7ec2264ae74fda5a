package dev.portico.functions.purge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per invocation, as JSON through the layout in {@code log4j2.xml}: how it came ({@code source}
 * {@code api} or {@code direct}), its status (API) or outcome (direct), the domain, tenant, scope and value, the
 * published event's id and SNS message id, the error code, and the duration. Client-supplied values are clipped.
 */
final class PurgeLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portico.functions.purge.requests");
    private static final int MAX_VALUE = 256;

    private final String source;
    private final String requestId;
    private final String awsRequestId;
    private final long startNanos = System.nanoTime();
    private String domain;
    private String tenant;
    private String scope;
    private String value;
    private String eventId;
    private String messageId;
    private String errorCode;

    /**
     * @param requestId    API Gateway's id of the request (null for a direct invocation)
     * @param awsRequestId Lambda's id of the invocation, which its REPORT line shows
     */
    PurgeLog(String source, String requestId, String awsRequestId) {
        this.source = source;
        this.requestId = requestId;
        this.awsRequestId = awsRequestId;
    }

    void request(PurgeInput.Fields fields) {
        domain = clip(fields.domain());
        tenant = clip(fields.tenant());
        scope = clip(fields.scope());
        value = clip(fields.value());
    }

    void published(PurgeResult result) {
        domain = result.event().domain().ascii();
        eventId = result.event().id();
        messageId = result.messageId();
    }

    void errorCode(String code) {
        errorCode = code;
    }

    /** The API's line: level by status class. */
    void write(int status) {
        LoggingEventBuilder line = status >= 500 ? LOG.atError() : status >= 400 ? LOG.atWarn() : LOG.atInfo();
        fields(line.addKeyValue("status", status)).log("POST /purge {}", status);
    }

    /** A direct invocation's line: {@code published}, {@code rejected} (the caller's input) or {@code failed}. */
    void write(String outcome) {
        LoggingEventBuilder line = switch (outcome) {
            case "published" -> LOG.atInfo();
            case "rejected" -> LOG.atWarn();
            default -> LOG.atError();
        };
        fields(line.addKeyValue("outcome", outcome)).log("purge {}", outcome);
    }

    private LoggingEventBuilder fields(LoggingEventBuilder line) {
        line.addKeyValue("source", source).addKeyValue("duration_ms", (System.nanoTime() - startNanos) / 1_000_000);
        add(line, "request_id", requestId);
        add(line, "aws_request_id", awsRequestId);
        add(line, "domain", domain);
        add(line, "tenant", tenant);
        add(line, "scope", scope);
        add(line, "value", value);
        add(line, "event_id", eventId);
        add(line, "message_id", messageId);
        add(line, "error", errorCode);
        return line;
    }

    private static void add(LoggingEventBuilder line, String key, String v) {
        if (v != null) {
            line.addKeyValue(key, v);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "...";
    }
}
