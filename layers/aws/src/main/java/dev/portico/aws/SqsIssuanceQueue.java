package dev.portico.aws;

import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.core.issuance.QueueException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The issuance queue on SQS; the queue's redrive policy moves a message that keeps failing to its DLQ. */
public final class SqsIssuanceQueue implements IssuanceQueue {
    /** SQS honours at most 15 minutes of DelaySeconds. */
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsIssuanceQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(IssuanceRequest request, Duration delay) throws QueueException {
        int delaySeconds = (int) Math.max(0, Math.min(delay.toSeconds(), MAX_DELAY.toSeconds()));
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(IssuanceRequestCodec.encode(request))
                    .delaySeconds(delaySeconds));
        } catch (SdkException e) {
            throw new QueueException("queueing issuance of " + request.domain() + " (attempt " + request.attempt()
                    + ") to " + queueUrl + " failed: " + e.getMessage() + "; retry the request", e);
        }
    }

    @Override
    public Duration maxDelay() {
        return MAX_DELAY;
    }
}
