package dev.portico.aws;

import dev.portico.core.InvalidInputException;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.event.EdgeEventSource;
import dev.portico.core.event.EventSourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One edge proxy's own SQS queue, subscribed to the edge-events SNS topic with raw delivery: SNS copies every event to
 * every subscribed queue, so every proxy in every region sees every event. {@link #open} creates the queue and the
 * subscription; {@link #close} deletes both. Queues whose proxy died without closing are named with
 * {@link #QUEUE_PREFIX} and tagged with their creation time, for the scheduled clean-up.
 */
public final class SqsEdgeEventSource implements EdgeEventSource {
    public static final String QUEUE_PREFIX = "portico-edge-";
    private static final Logger log = LoggerFactory.getLogger(SqsEdgeEventSource.class);
    /** Events older than this are of no use to a proxy (a restarted one reads the store anyway). */
    private static final Duration RETENTION = Duration.ofHours(1);

    private final SqsClient sqs;
    private final SqsClient longPolls;
    private final SnsClient sns;
    private final String queueUrl;
    private final String subscriptionArn;

    private SqsEdgeEventSource(SqsClient sqs, SqsClient longPolls, SnsClient sns, String queueUrl,
            String subscriptionArn) {
        this.sqs = sqs;
        this.longPolls = longPolls;
        this.sns = sns;
        this.queueUrl = queueUrl;
        this.subscriptionArn = subscriptionArn;
    }

    /** With the clients of {@code aws}: short timeouts for set-up and clean-up, long ones for the receive. */
    public static SqsEdgeEventSource open(AwsClients aws, String topicArn, String instance)
            throws EventSourceException {
        return open(aws.sqs(), aws.sqsForLongPolling(), aws.snsFor(topicArn), topicArn, instance);
    }

    /**
     * @param instance names this proxy's queue ({@code portico-edge-<instance>}): letters, digits, '-' and '_', unique
     *                 per running proxy (the ECS task id)
     */
    public static SqsEdgeEventSource open(SqsClient sqs, SqsClient longPolls, SnsClient sns, String topicArn,
            String instance) throws EventSourceException {
        Objects.requireNonNull(topicArn, "topicArn");
        String name = QUEUE_PREFIX + instance;
        String queueUrl = null;
        try {
            queueUrl = sqs.createQueue(r -> r.queueName(name)
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                            Long.toString(RETENTION.toSeconds())))
                    .tags(Map.of("portico:role", "edge-events",
                            HEARTBEAT_TAG, Long.toString(System.currentTimeMillis() / 1000)))).queueUrl();
            String url = queueUrl;
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                    allowTopic(queueArn, topicArn))));
            String subscription = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
            log.info("edge events: queue {} subscribed to {}", queueUrl, topicArn);
            return new SqsEdgeEventSource(sqs, longPolls, sns, queueUrl, subscription);
        } catch (SdkException e) {
            if (queueUrl != null) {
                deleteQuietly(sqs, queueUrl);
            }
            throw new EventSourceException("cannot set up the edge event queue " + name + " on topic " + topicArn
                    + ": " + e.getMessage() + "; check the task role may create queues named " + QUEUE_PREFIX
                    + "* and subscribe them to the topic", e);
        }
    }

    /** Only this topic may send to the queue (the task's own queue is not a public mailbox). */
    static String allowTopic(String queueArn, String topicArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(queueArn, topicArn);
    }

    @Override
    public List<Received> receive(Duration wait) throws EventSourceException {
        int seconds = (int) Math.max(0, Math.min(wait.toSeconds(), AwsClients.LONG_POLL.toSeconds()));
        List<Message> messages;
        try {
            messages = longPolls.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(seconds))
                    .messages();
        } catch (SdkException e) {
            throw new EventSourceException("reading edge events from " + queueUrl + " failed: " + e.getMessage(), e);
        }
        List<Received> events = new ArrayList<>(messages.size());
        List<Received> junk = new ArrayList<>();
        for (Message message : messages) {
            try {
                events.add(new Received(EdgeEventCodec.decode(message.body()), message.receiptHandle()));
            } catch (InvalidInputException e) {
                log.warn("skipping a message on {} that is not an edge event: {}", queueUrl, e.getMessage());
                junk.add(new Received(null, message.receiptHandle()));
            }
        }
        if (!junk.isEmpty()) {
            acknowledge(junk);
        }
        return events;
    }

    @Override
    public void acknowledge(List<Received> handled) throws EventSourceException {
        if (handled.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handled.size(); i++) {
            String receipt = handled.get(i).receipt();
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(receipt)
                    .build());
        }
        try {
            for (int from = 0; from < entries.size(); from += 10) {
                List<DeleteMessageBatchRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
            }
        } catch (SdkException e) {
            // Harmless beyond a repeat: the events come again and are applied again.
            throw new EventSourceException("acknowledging edge events on " + queueUrl + " failed: " + e.getMessage(),
                    e);
        }
    }

    /** The tag the clean-up reads: seconds since the epoch of the proxy's last sign of life. */
    public static final String HEARTBEAT_TAG = "portico:heartbeat";

    @Override
    public void heartbeat() throws EventSourceException {
        try {
            sqs.tagQueue(r -> r.queueUrl(queueUrl).tags(Map.of(HEARTBEAT_TAG,
                    Long.toString(System.currentTimeMillis() / 1000))));
        } catch (SdkException e) {
            throw new EventSourceException("tagging " + queueUrl + " alive failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return queueUrl;
    }

    /** Unsubscribes first, so SNS stops delivering, then deletes the queue; failures are logged, not thrown. */
    @Override
    public void close() {
        try {
            sns.unsubscribe(r -> r.subscriptionArn(subscriptionArn));
        } catch (SdkException e) {
            log.warn("could not unsubscribe {}: {}; the clean-up schedule will remove it", subscriptionArn,
                    e.getMessage());
        }
        deleteQuietly(sqs, queueUrl);
    }

    private static void deleteQuietly(SqsClient sqs, String queueUrl) {
        try {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        } catch (SdkException e) {
            log.warn("could not delete queue {}: {}; the clean-up schedule will remove it", queueUrl, e.getMessage());
        }
    }
}
