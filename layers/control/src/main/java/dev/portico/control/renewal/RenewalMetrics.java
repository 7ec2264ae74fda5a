package dev.portico.control.renewal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Renewal figures as CloudWatch Embedded Metric Format documents: one JSON object per line on standard output,
 * which Lambda hands to CloudWatch Logs as it is and CloudWatch turns into metrics, with no SDK call and no extra
 * latency. (Powertools' metrics module would do the same; its artifact is not available here.) The namespace is
 * the stack's, so two stacks in one account do not mix their figures.
 */
public final class RenewalMetrics {
    public static final String DEFAULT_NAMESPACE = "Portico";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Consumer<String> sink;
    private final Clock clock;

    public RenewalMetrics(String namespace, Consumer<String> sink, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Standard output, where Lambda's log capture reads EMF. */
    public static RenewalMetrics toStandardOutput(String namespace) {
        return new RenewalMetrics(namespace, System.out::println, Clock.systemUTC());
    }

    /** The scheduled run's figures: one document overall, one per days-to-expiry bucket. */
    public void run(RenewalRun run) {
        ObjectNode summary = document("RenewCertificates", Map.of(),
                Map.of("CertificatesExpiringWithin7Days", run.expiringWithin7Days(),
                        "DomainsFailingRenewal", run.failing(),
                        "OldestRenewalFailureHours", run.oldestFailure().map(o -> o.failingFor().toHours())
                                .orElse(0L),
                        "RenewalsEnqueued", (long) run.enqueued(),
                        "RenewalsDue", run.dueAfter(),
                        "RenewalInfoChecked", (long) run.infoChecked(),
                        "RenewalInfoFailed", (long) run.infoFailed()));
        run.oldestFailure().ifPresent(o -> summary.put("OldestFailingDomain", o.domain()));
        sink.accept(summary.toString());
        for (Map.Entry<String, Long> bucket : run.byDaysToExpiry().entrySet()) {
            sink.accept(document("RenewCertificates", Map.of("DaysToExpiry", bucket.getKey()),
                    Map.of("Certificates", bucket.getValue())).toString());
        }
    }

    /** One renewal's end, from the IssueCertificate function: succeeded or failed. */
    public void renewal(String domain, boolean succeeded) {
        ObjectNode doc = document("IssueCertificate", Map.of(),
                Map.of(succeeded ? "RenewalsSucceeded" : "RenewalsFailed", 1L));
        sink.accept(doc.put("Domain", domain).toString());
    }

    private ObjectNode document(String service, Map<String, String> dimensions, Map<String, Long> values) {
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode aws = doc.putObject("_aws").put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray().add("Service");
        dimensions.keySet().stream().sorted().forEach(dimensionSet::add);
        ArrayNode metrics = directive.putArray("Metrics");
        doc.put("Service", service);
        dimensions.forEach(doc::put);
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(v -> {
            String unit = v.getKey().endsWith("Hours") ? "None" : "Count";
            metrics.addObject().put("Name", v.getKey()).put("Unit", unit);
            doc.put(v.getKey(), v.getValue());
        });
        return doc;
    }
}
