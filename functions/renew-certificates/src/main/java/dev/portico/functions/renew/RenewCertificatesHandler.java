package dev.portico.functions.renew;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.control.renewal.RenewalRun;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.core.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * The RenewCertificates Lambda. Its EventBridge schedule ({@code template.yaml}: every minute) runs
 * {@link #runSchedule()}; a direct invocation with {@code {"action": "renew"}} runs the same thing on demand
 * ({@code sam remote invoke RenewCertificatesFunction --event-file events/renew-certificates/renew.json}). The answer
 * is the run's summary as JSON; the metrics go to standard output as Embedded Metric Format lines.
 */
public final class RenewCertificatesHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RenewalScheduler scheduler;
    private final RenewalMetrics metrics;

    /** What Lambda calls once per container: real clients from the environment ({@link RenewCertificatesSettings}). */
    public RenewCertificatesHandler() {
        this(System::getenv);
    }

    /** Wired from an explicit environment: the local runner passes what the template gives Lambda. */
    public RenewCertificatesHandler(Function<String, String> environment) {
        this(RenewCertificatesWiring.fromEnvironment(environment));
    }

    private RenewCertificatesHandler(RenewCertificatesWiring wiring) {
        this(wiring.scheduler(), wiring.metrics());
    }

    /** For tests, which bring their own scheduler (with a clock they move) and metrics sink. */
    public RenewCertificatesHandler(RenewalScheduler scheduler, RenewalMetrics metrics) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getOriginalMessage());
        }
        if (!isScheduled(event) && !"renew".equals(event.path("action").asText())) {
            throw new IllegalArgumentException("unknown event: expected EventBridge's scheduled event or "
                    + "{\"action\": \"renew\"}, got " + abbreviate(event.toString()));
        }
        output.write(runSchedule().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** EventBridge's scheduled event (rule or Scheduler). */
    static boolean isScheduled(JsonNode event) {
        String source = event.path("source").asText();
        return "aws.events".equals(source) || "aws.scheduler".equals(source)
                || "Scheduled Event".equals(event.path("detail-type").asText());
    }

    /** One scheduled run: renewal information, due renewals, metrics. */
    public ObjectNode runSchedule() {
        RenewalRun run;
        try {
            run = scheduler.run();
        } catch (StoreException e) {
            throw new RenewalRunFailedException("renewal run failed: " + e.getMessage() + "; nothing was taken, "
                    + "the next scheduled run starts over (check Redis if this repeats)", e);
        }
        metrics.run(run);
        return view(run);
    }

    static ObjectNode view(RenewalRun run) {
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

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
