package dev.portico.functions.domains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A domain record as API clients see it. Every key is always present (null when it does not apply yet), so
 * clients can rely on one shape whatever the status.
 *
 * <pre>{@code
 * {"domain": "xn--bcher-kva.example", "domainUnicode": "bücher.example", "tenant": "acme",
 *  "origin": "https://origin.example.net", "status": "active", "reason": null,
 *  "certificate": {"serial": "0af3", "notBefore": "...", "notAfter": "..."}, "renewAt": "...",
 *  "createdAt": "...", "updatedAt": "...", "links": {"self": "/domains/xn--bcher-kva.example"}}
 * }</pre>
 */
final class DomainView {
    private DomainView() {
    }

    static String path(DomainRecord record) {
        return "/domains/" + record.domain().ascii();
    }

    static ObjectNode of(DomainRecord record) {
        ObjectNode node = ApiResponses.JSON.createObjectNode()
                .put("domain", record.domain().ascii())
                .put("domainUnicode", record.domain().unicode())
                .put("tenant", record.tenant().value())
                .put("origin", record.origin().toString())
                .put("status", record.status().wireName())
                .put("reason", record.reason().orElse(null));
        Optional<CertificateSummary> cert = record.certificate();
        if (cert.isPresent()) {
            node.putObject("certificate")
                    .put("serial", cert.get().serial())
                    .put("notBefore", cert.get().notBefore().toString())
                    .put("notAfter", cert.get().notAfter().toString());
        } else {
            node.putNull("certificate");
        }
        node.put("renewAt", record.renewAt().map(Instant::toString).orElse(null))
                .put("createdAt", record.createdAt().toString())
                .put("updatedAt", record.updatedAt().toString());
        node.putObject("links").put("self", path(record));
        return node;
    }
}
