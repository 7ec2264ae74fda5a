package dev.portico.functions.domains;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per request: route, status, domain, tenant, error code and duration, as JSON through the
 * layout in {@code log4j2.xml}. Only these fields are logged, never the body; client-supplied values are clipped.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portico.functions.domains.requests");
    private static final int MAX_VALUE = 256;

    private final String requestId;
    private final String awsRequestId;
    private final long startNanos = System.nanoTime();
    private String route = "unmatched";
    private String domain;
    private String tenant;
    private String errorCode;

    /**
     * @param requestId    API Gateway's id of the request, which its access log shows too
     * @param awsRequestId Lambda's id of the invocation, which its REPORT line shows
     */
    RequestLog(String requestId, String awsRequestId) {
        this.requestId = requestId;
        this.awsRequestId = awsRequestId;
    }

    void route(String label) {
        route = label;
    }

    void domain(String value) {
        domain = Texts.clip(value, MAX_VALUE);
    }

    void tenant(String value) {
        tenant = Texts.clip(value, MAX_VALUE);
    }

    void errorCode(String code) {
        errorCode = code;
    }

    String errorCode() {
        return errorCode;
    }

    void write(int status) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        LoggingEventBuilder line = (status >= 500 ? LOG.atError() : status >= 400 ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs);
        add(line, "request_id", requestId);
        add(line, "aws_request_id", awsRequestId);
        add(line, "domain", domain);
        add(line, "tenant", tenant);
        add(line, "error", errorCode);
        line.log("{} {}", route, status);
    }

    private static void add(LoggingEventBuilder line, String key, String value) {
        if (value != null) {
            line.addKeyValue(key, value);
        }
    }
}
