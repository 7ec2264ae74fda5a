package dev.portico.local;

import dev.portico.aws.AwsClients;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues and topic the template declares, created in the emulator for one run and deleted after it: the
 * issuance queue with its dead-letter queue, and the edge-events topic.
 */
final class LocalResources implements AutoCloseable {
    /** As in the template: a message that fails this often goes to the DLQ. */
    static final int MAX_RECEIVES = 5;
    /** Short locally, so a failed batch is retried within seconds rather than minutes. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 10;

    final String issuanceQueueUrl;
    final String deadLetterQueueUrl;
    final String edgeEventsTopicArn;
    private final SqsClient sqs;
    private final SnsClient sns;

    private LocalResources(SqsClient sqs, SnsClient sns, String queue, String dlq, String topic) {
        this.sqs = sqs;
        this.sns = sns;
        this.issuanceQueueUrl = queue;
        this.deadLetterQueueUrl = dlq;
        this.edgeEventsTopicArn = topic;
    }

    static LocalResources create(AwsClients aws, String runId) {
        SqsClient sqs = aws.sqs();
        SnsClient sns = aws.sns();
        String dlq = sqs.createQueue(r -> r.queueName("portico-issuance-dlq-" + runId)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}";
        String queue = sqs.createQueue(r -> r.queueName("portico-issuance-" + runId).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS)))).queueUrl();
        String topic = sns.createTopic(r -> r.name("portico-edge-events-" + runId)).topicArn();
        return new LocalResources(sqs, sns, queue, dlq, topic);
    }

    static String newRunId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        sqs.deleteQueue(r -> r.queueUrl(issuanceQueueUrl));
        sqs.deleteQueue(r -> r.queueUrl(deadLetterQueueUrl));
        sns.deleteTopic(r -> r.topicArn(edgeEventsTopicArn));
    }
}
