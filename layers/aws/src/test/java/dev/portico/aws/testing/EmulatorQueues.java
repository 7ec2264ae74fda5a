package dev.portico.aws.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS queues on the emulator as the tests need them: subscribed to a topic, read until something arrives, emptied. */
public final class EmulatorQueues {
    /** Delivery through SNS is asynchronous, so a test waits this long for a message before failing. */
    public static final Duration RECEIVE_BOUND = Duration.ofSeconds(10);

    private EmulatorQueues() {
    }

    /** A condition on a received message; it may throw, as decoding the body does. */
    @FunctionalInterface
    public interface Wanted {
        boolean test(Message message) throws Exception;
    }

    /**
     * A new queue subscribed to {@code topicArn} the way the edge proxies' queues are in AWS: raw delivery, so the
     * body is the published message itself, and a queue policy that lets only that topic send.
     */
    public static String subscribedQueue(SqsClient sqs, SnsClient sns, String topicArn, String queueName) {
        String url = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(arn, topicArn);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        return url;
    }

    /** The next message on the queue, deleted; fails the test if none arrives within {@link #RECEIVE_BOUND}. */
    public static Message receive(SqsClient sqs, String queueUrl) throws Exception {
        return receive(sqs, queueUrl, message -> true);
    }

    /**
     * The first message that is {@code wanted}, long-polling one message at a time so that those after it stay
     * queued; every message read is deleted, the unwanted ones too, as tests may share a queue.
     */
    public static Message receive(SqsClient sqs, String queueUrl, Wanted wanted) throws Exception {
        long deadline = System.nanoTime() + RECEIVE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)
                    .maxNumberOfMessages(1)).messages()) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                if (wanted.test(message)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no wanted message arrived on " + queueUrl + " within " + RECEIVE_BOUND);
    }

    /** Everything waiting on the queue now, deleted as it is read. SQS on the emulator delivers sends at once. */
    public static List<Message> drain(SqsClient sqs, String queueUrl, int waitSeconds) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(waitSeconds)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(batch);
        }
    }
}
