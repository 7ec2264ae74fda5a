package dev.portico.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Follows a domain until it is active or failed, printing each status once; polls every 2 s, within a timeout. */
final class Watch {
    private static final Duration EVERY = Duration.ofSeconds(2);

    private Watch() {
    }

    /** @return 0 when active, 1 when failed, 6 when the timeout passed first */
    static int until(ApiClient api, String domain, Duration timeout, PrintWriter out, boolean json)
            throws CliException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (true) {
            JsonNode record = api.get("/domains/" + DomainsCommand.encode(domain)).body();
            String status = record.path("status").asText();
            if (!status.equals(last)) {
                if (json) {
                    out.println(record.toString());
                } else {
                    String reason = record.path("reason").isTextual() ? " (" + record.path("reason").asText() + ")" : "";
                    out.println(Instant.now() + "  " + domain + " is " + status + reason);
                }
                out.flush();
                last = status;
            }
            if (status.equals("active")) {
                if (!json) {
                    describe(out, record);
                }
                return 0;
            }
            if (status.equals("failed")) {
                return CliException.API_ERROR;
            }
            if (Instant.now().plus(EVERY).isAfter(deadline)) {
                throw new CliException(CliException.GAVE_UP_WAITING, domain + " is still " + status + " after "
                        + timeout.toSeconds() + " s; 'portico domains status " + domain + "' shows what it waits for");
            }
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(CliException.API_ERROR, "interrupted");
            }
        }
    }

    static void describe(PrintWriter out, JsonNode record) {
        out.println(record.path("domain").asText() + "  " + record.path("status").asText());
        line(out, "tenant", record.path("tenant").asText());
        line(out, "origin", record.path("origin").asText());
        JsonNode certificate = record.path("certificate");
        line(out, "certificate", certificate.isObject()
                ? "serial " + certificate.path("serial").asText() + ", valid until " + certificate.path("notAfter").asText()
                : "none yet");
        if (record.path("renewAt").isTextual()) {
            line(out, "renews at", record.path("renewAt").asText());
        }
        if (record.path("reason").isTextual()) {
            line(out, "reason", record.path("reason").asText());
        }
        line(out, "updated", record.path("updatedAt").asText());
        out.flush();
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-12s %s%n", label, value);
    }
}
