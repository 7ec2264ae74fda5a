package dev.portico.local;

import dev.portico.aws.AwsClients;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues, topic and bucket the template declares, created in the emulator for one run and deleted after it: the
 * issuance queue with its dead-letter queue, the edge-events topic, and the record bucket (the archive that Redis is
 * rebuilt from; objects there are not KMS-encrypted locally, where keys are sealed with the local master key).
 */
final class LocalResources implements AutoCloseable {
    /** As in the template: a message that fails this often goes to the DLQ. */
    static final int MAX_RECEIVES = 5;
    /** Short locally, so a failed batch is retried within seconds rather than minutes. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 10;

    final String issuanceQueueUrl;
    final String deadLetterQueueUrl;
    final String edgeEventsTopicArn;
    final String recordBucket;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final S3Client s3;

    private LocalResources(SqsClient sqs, SnsClient sns, S3Client s3, String queue, String dlq, String topic,
            String bucket) {
        this.sqs = sqs;
        this.sns = sns;
        this.s3 = s3;
        this.issuanceQueueUrl = queue;
        this.deadLetterQueueUrl = dlq;
        this.edgeEventsTopicArn = topic;
        this.recordBucket = bucket;
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
        S3Client s3 = aws.s3();
        String bucket = "portico-records-" + runId;
        s3.createBucket(r -> r.bucket(bucket));
        return new LocalResources(sqs, sns, s3, queue, dlq, topic, bucket);
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
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(recordBucket))) {
            for (S3Object object : page.contents()) {
                s3.deleteObject(r -> r.bucket(recordBucket).key(object.key()));
            }
        }
        s3.deleteBucket(r -> r.bucket(recordBucket));
    }
}
