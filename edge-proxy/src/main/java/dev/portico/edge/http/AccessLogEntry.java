package dev.portico.edge.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One access log line: a JSON object written by hand rather than through the log layout, so that numbers stay
 * numbers and a hostile path or Host header can never break the line (every value is escaped and truncated).
 *
 * @param time        when the request arrived
 * @param method      the request method
 * @param host        the Host header as sent, or empty
 * @param path        the request target as sent
 * @param status      the response status; 499 when the client left before it was answered (nginx's convention)
 * @param durationNanos from the request's arrival to its answer
 * @param remote      the peer's address
 */
public record AccessLogEntry(Instant time, String method, String host, String path, int status, long durationNanos,
        String remote) {
    /** Enough for any real host or challenge path; an attacker's megabyte of path is not worth storing. */
    static final int MAX_VALUE_LENGTH = 256;
    public static final int CLIENT_CLOSED = 499;

    public String toJson() {
        StringBuilder json = new StringBuilder(160 + path.length());
        json.append("{\"@timestamp\":\"").append(time.truncatedTo(ChronoUnit.MILLIS)).append('"');
        string(json, "log.logger", AccessLogHandler.LOGGER);
        string(json, "method", method);
        string(json, "host", host);
        string(json, "path", path);
        json.append(",\"status\":").append(status);
        // Microsecond resolution: most answers here take well under a millisecond.
        json.append(",\"duration_ms\":").append(durationNanos / 1000 / 1000.0);
        string(json, "remote", remote);
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String key, String value) {
        json.append(",\"").append(key).append("\":\"");
        int length = Math.min(value.length(), MAX_VALUE_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        // Also escapes non-ASCII, so a lone surrogate cut by the truncation cannot make invalid UTF-8.
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            json.append("...");
        }
        json.append('"');
    }
}
