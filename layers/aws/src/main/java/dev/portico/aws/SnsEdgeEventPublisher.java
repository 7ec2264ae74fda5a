package dev.portico.aws;

import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes edge events to the SNS {@code edge-events} topic. Each proxy's queue subscribes with raw delivery, so the
 * SQS body is exactly {@link EdgeEventCodec#encode}; the {@code type} attribute lets a subscription filter.
 */
public final class SnsEdgeEventPublisher implements EdgeEventPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsEdgeEventPublisher(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public String publish(EdgeEvent event) throws EventPublishException {
        String body = EdgeEventCodec.encode(event);
        String type = switch (event) {
            case EdgeEvent.CertificateUpdated ignored -> "cert-updated";
            case EdgeEvent.DomainRemoved ignored -> "domain-removed";
            case EdgeEvent.Purge ignored -> "purge";
        };
        try {
            return sns.publish(r -> r.topicArn(topicArn).message(body).messageAttributes(java.util.Map.of("type",
                    MessageAttributeValue.builder().dataType("String").stringValue(type).build()))).messageId();
        } catch (SdkException e) {
            throw new EventPublishException("publishing " + type + " for " + event.domain() + " to " + topicArn
                    + " failed: " + e.getMessage() + "; the step will be retried", e);
        }
    }
}
