package dev.portico.functions.issue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.portico.control.issuance.IssuanceService;
import dev.portico.control.issuance.Outcome;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.core.InvalidInputException;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.core.issuance.QueueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The IssueCertificate Lambda on the issuance queue, with partial batch failures ({@code ReportBatchItemFailures}).
 * A message is consumed once its outcome is settled: issued, skipped, failed, or put back on the queue with its delay
 * (a wait longer than the queue allows becomes several hops, each re-checked by the service). Only a message that
 * cannot be decoded or could not be put back is reported as failed, so SQS delivers it again, and after the
 * queue's maxReceiveCount moves it to the DLQ.
 */
public final class IssueCertificateHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** One issuance, as the handler sees it; the service in production, a stub in tests. */
    @FunctionalInterface
    interface Issuer {
        Outcome handle(IssuanceRequest request);
    }

    private final Issuer issuer;
    private final IssuanceQueue queue;
    /** Renewals succeeded and failed, as EMF lines; the alarm on failure streaks reads the scheduled run's. */
    private final RenewalMetrics metrics;

    /** What Lambda calls once per container: real clients from the environment ({@link IssueCertificateSettings}). */
    public IssueCertificateHandler() {
        this(IssueCertificateWiring.fromEnvironment(System::getenv));
    }

    /** Wired from an explicit environment: the local runner passes what the template gives Lambda. */
    public IssueCertificateHandler(Function<String, String> environment) {
        this(IssueCertificateWiring.fromEnvironment(environment));
    }

    /** For tests, which bring their own service and queue. */
    public IssueCertificateHandler(IssuanceService service, IssuanceQueue queue) {
        this(service::handle, queue);
    }

    private IssueCertificateHandler(IssueCertificateWiring wiring) {
        this(wiring.service()::handle, wiring.queue(), wiring.metrics());
    }

    IssueCertificateHandler(Issuer issuer, IssuanceQueue queue) {
        this(issuer, queue, RenewalMetrics.toStandardOutput(RenewalMetrics.DEFAULT_NAMESPACE));
    }

    IssueCertificateHandler(Issuer issuer, IssuanceQueue queue, RenewalMetrics metrics) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            if (!settle(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** True when the message is done with; false to have SQS deliver it again. */
    private boolean settle(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        MessageLog log = new MessageLog(message.getMessageId(),
                attributes == null ? null : attributes.get("ApproximateReceiveCount"));
        IssuanceRequest request;
        try {
            request = IssuanceRequestCodec.decode(message.getBody());
        } catch (InvalidInputException e) {
            log.malformed(e.getMessage());
            return false;
        }
        log.request(request);
        Outcome outcome;
        try {
            outcome = issuer.handle(request);
        } catch (RuntimeException e) {
            log.crashed(e);
            return false;
        }
        log.outcome(outcome);
        if (request.reason() == IssuanceRequest.Reason.RENEWAL && !(outcome instanceof Outcome.RetryLater)
                && !(outcome instanceof Outcome.Skipped)) {
            metrics.renewal(request.domain().unicode(), outcome instanceof Outcome.Issued);
        }
        if (!(outcome instanceof Outcome.RetryLater retry)) {
            return true;
        }
        Duration delay = retry.delay().compareTo(queue.maxDelay()) > 0 ? queue.maxDelay() : retry.delay();
        try {
            queue.enqueue(retry.next(), delay);
            log.requeued(delay);
            return true;
        } catch (QueueException e) {
            log.requeueFailed(e.getMessage());
            return false;
        }
    }
}
