package dev.portico.functions.renew;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.control.reconcile.ReconcileResult;
import dev.portico.control.renewal.RenewalRun;

/** The function's answers as JSON: a renewal run's summary, a reconciliation's counts, and HTTP API responses. */
final class RenewCertificatesAnswers {
    static final ObjectMapper JSON = new ObjectMapper();

    private RenewCertificatesAnswers() {
    }

    static ObjectNode of(ReconcileResult result) {
        return JSON.createObjectNode().put("domainsRestored", result.domainsRestored())
                .put("certificatesRestored", result.certificatesRestored()).put("requeued", result.requeued())
                .put("unchanged", result.unchanged()).put("skippedRemoved", result.skippedRemoved())
                .put("unreadable", result.unreadable()).put("failed", result.failed())
                .put("completed", result.completed()).put("tookMillis", result.took().toMillis());
    }

    static ObjectNode of(RenewalRun run) {
        ObjectNode out = JSON.createObjectNode().put("at", run.at().toString()).put("enqueued", run.enqueued())
                .put("enqueueFailed", run.enqueueFailed()).put("stillDue", run.dueAfter());
        out.putObject("renewalInfo").put("offered", run.infoOffered()).put("checked", run.infoChecked())
                .put("moved", run.infoMoved()).put("failed", run.infoFailed());
        ObjectNode buckets = out.putObject("certificatesByDaysToExpiry");
        run.byDaysToExpiry().forEach(buckets::put);
        out.put("failing", run.failing());
        run.oldestFailure().ifPresent(o -> out.putObject("oldestFailure").put("domain", o.domain())
                .put("hours", o.failingFor().toHours()).put("failures", o.failures()));
        return out;
    }

    /** An HTTP API (payload 2.0) response with a JSON body. */
    static ObjectNode response(int status, ObjectNode body, String... headers) {
        ObjectNode out = JSON.createObjectNode().put("statusCode", status);
        ObjectNode head = out.putObject("headers").put("content-type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.put(headers[i], headers[i + 1]);
        }
        return out.put("body", body.toString()).put("isBase64Encoded", false);
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error", code).put("message", message);
    }
}
