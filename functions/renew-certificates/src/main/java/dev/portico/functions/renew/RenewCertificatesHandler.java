package dev.portico.functions.renew;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.aws.ScheduledEvents;
import dev.portico.control.reconcile.ReconcileResult;
import dev.portico.control.reconcile.Reconciler;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.control.renewal.RenewalRun;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.core.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RenewCertificates Lambda, reached three ways:
 * <ul>
 *   <li>its EventBridge schedule ({@code template.yaml}: every minute): first repairs a store that lost its data
 *       (the reconcile marker is gone: a flush, a failover, a new cluster), then one renewal run;</li>
 *   <li>a direct invocation: {@code {"action": "renew"}} runs the renewal run, {@code {"action": "reconcile"}}
 *       rebuilds the store from the record archive whether or not it looks lost ({@code sam remote invoke
 *       RenewCertificatesFunction --event-file events/renew-certificates/reconcile.json});</li>
 *   <li>{@code POST /reconcile} on the HTTP API (IAM auth; {@code portico reconcile}): the same reconciliation,
 *       200 with its counts, 503 while the store or the archive is unavailable.</li>
 * </ul>
 * Answers are JSON; metrics go to standard output as Embedded Metric Format lines.
 */
public final class RenewCertificatesHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RenewCertificatesHandler.class);

    private final RenewalScheduler scheduler;
    private final Reconciler reconciler;
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
        this(wiring.scheduler(), wiring.reconciler(), wiring.metrics());
    }

    /** For tests, which bring their own scheduler (with a clock they move), reconciler and metrics sink. */
    public RenewCertificatesHandler(RenewalScheduler scheduler, Reconciler reconciler, RenewalMetrics metrics) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = RenewCertificatesAnswers.JSON.readTree(input);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getOriginalMessage());
        }
        ObjectNode answer;
        if (event.path("requestContext").isObject()) {
            answer = apiRequest(event);
        } else if (ScheduledEvents.isScheduled(event)) {
            answer = scheduledRun();
        } else {
            answer = switch (event.path("action").asText()) {
                case "renew" -> runSchedule();
                case "reconcile" -> RenewCertificatesAnswers.of(reconcile());
                default -> throw new IllegalArgumentException("unknown event: expected EventBridge's scheduled "
                        + "event, {\"action\": \"renew\"} or {\"action\": \"reconcile\"}, got "
                        + abbreviate(event.toString()));
            };
        }
        output.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The schedule's run: a store that lost its data is rebuilt first, so renewals read a whole index. */
    public ObjectNode scheduledRun() {
        Optional<ReconcileResult> repaired = Optional.empty();
        String reconcileError = null;
        try {
            repaired = reconciler.reconcileIfLost();
        } catch (StoreException e) {
            // The renewal run below meets the same outage and fails the invocation with its own message.
            reconcileError = e.getMessage();
            LOG.error("checking whether Redis lost its data failed: {}; the next scheduled run checks again",
                    e.getMessage());
        }
        ObjectNode answer = runSchedule();
        repaired.ifPresent(r -> answer.set("reconciled", RenewCertificatesAnswers.of(r)));
        if (reconcileError != null) {
            answer.put("reconcileError", reconcileError);
        }
        return answer;
    }

    /** One renewal run: renewal information, due renewals, metrics. */
    public ObjectNode runSchedule() {
        RenewalRun run;
        try {
            run = scheduler.run();
        } catch (StoreException e) {
            throw new RenewalRunFailedException("renewal run failed: " + e.getMessage() + "; nothing was taken, "
                    + "the next scheduled run starts over (check Redis if this repeats)", e);
        }
        metrics.run(run);
        return RenewCertificatesAnswers.of(run);
    }

    private ReconcileResult reconcile() {
        try {
            return reconciler.reconcile();
        } catch (StoreException e) {
            throw new RenewalRunFailedException("reconcile failed: " + e.getMessage() + "; what was restored "
                    + "stays, run it again once Redis and the record bucket answer", e);
        }
    }

    /** {@code POST /reconcile} (payload 2.0). */
    private ObjectNode apiRequest(JsonNode event) {
        String method = event.path("requestContext").path("http").path("method").asText();
        if (!"POST".equals(method)) {
            return RenewCertificatesAnswers.response(405, RenewCertificatesAnswers.error("method_not_allowed",
                    "use POST /reconcile"), "allow", "POST");
        }
        try {
            return RenewCertificatesAnswers.response(200, RenewCertificatesAnswers.of(reconciler.reconcile()));
        } catch (StoreException e) {
            LOG.error("POST /reconcile failed: {}", e.getMessage());
            return RenewCertificatesAnswers.response(503, RenewCertificatesAnswers.error("store_unavailable",
                    e.getMessage() + "; what was restored stays, try again in a minute"), "retry-after", "60");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
