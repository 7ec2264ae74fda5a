package dev.portico.functions.issue;

import dev.portico.control.issuance.Outcome;
import dev.portico.core.issuance.IssuanceRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per message: which domain and attempt, what became of it, how long it took, and on failure
 * what to do. Logs Insights (or an alarm's metric filter on {@code outcome}) reads the fields directly.
 */
final class MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portico.functions.issue.messages");

    private final String messageId;
    private final String receiveCount;
    private final long startNanos = System.nanoTime();
    private IssuanceRequest request;

    MessageLog(String messageId, String receiveCount) {
        this.messageId = messageId;
        this.receiveCount = receiveCount;
    }

    void request(IssuanceRequest decoded) {
        request = decoded;
    }

    void malformed(String why) {
        line(LOG.atError(), "malformed")
                .addKeyValue("why", why)
                .addKeyValue("action", "the message can never succeed and goes to the DLQ after the queue's "
                        + "maxReceiveCount; find its sender, which must write IssuanceRequestCodec's format")
                .log("malformed issuance message {}", messageId);
    }

    void outcome(Outcome outcome) {
        switch (outcome) {
            case Outcome.Issued issued -> line(LOG.atInfo(), "issued")
                    .addKeyValue("serial", issued.record().certificate().map(c -> c.serial()).orElse(""))
                    .log("{} issued", request.domain());
            case Outcome.Skipped skipped -> line(LOG.atInfo(), "skipped").addKeyValue("why", skipped.why())
                    .log("{} skipped", request.domain());
            case Outcome.RetryLater retry -> line(LOG.atInfo(), "retry_later")
                    .addKeyValue("delay_s", retry.delay().toSeconds())
                    .addKeyValue("next_attempt", retry.next().attempt())
                    .addKeyValue("why", retry.why())
                    .log("{} retries later", request.domain());
            case Outcome.Failed failed -> line(LOG.atWarn(), "failed").addKeyValue("why", failed.reason())
                    .addKeyValue("action", "the domain's record says what the tenant or operator must do; "
                            + "issuance starts again when the domain is registered again")
                    .log("{} failed", request.domain());
        }
    }

    void requeued(Duration delay) {
        line(LOG.atInfo(), "requeued").addKeyValue("delay_s", delay.toSeconds())
                .log("{} back on the queue for {} s", request.domain(), delay.toSeconds());
    }

    void requeueFailed(String why) {
        line(LOG.atError(), "requeue_failed").addKeyValue("why", why)
                .addKeyValue("action", "SQS delivers the message again after its visibility timeout; check the "
                        + "queue URL and the function's sqs:SendMessage permission")
                .log("{} could not go back on the queue", request.domain());
    }

    void crashed(RuntimeException e) {
        line(LOG.atError(), "error").setCause(e)
                .addKeyValue("action", "a bug: SQS delivers the message again and, after maxReceiveCount, to the "
                        + "DLQ; report the stack trace")
                .log("unexpected failure handling {}", messageId);
    }

    private LoggingEventBuilder line(LoggingEventBuilder builder, String outcome) {
        builder.addKeyValue("message_id", messageId)
                .addKeyValue("outcome", outcome)
                .addKeyValue("duration_ms", (System.nanoTime() - startNanos) / 1_000_000);
        if (receiveCount != null) {
            builder.addKeyValue("receive_count", receiveCount);
        }
        if (request != null) {
            builder.addKeyValue("domain", request.domain().ascii())
                    .addKeyValue("reason", request.reason().name().toLowerCase(java.util.Locale.ROOT))
                    .addKeyValue("attempt", request.attempt());
        }
        return builder;
    }
}
