package dev.portico.control.testing;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.aws.testing.EdgeEventsQueue;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.aws.testing.EmulatorQueues;
import dev.portico.control.DomainService;
import dev.portico.control.RegistrationPolicy;
import dev.portico.core.InvalidInputException;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.store.redis.RedisStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The emulator side of a {@link DomainService} test: an issuance queue, and an edge-events topic with one subscribed
 * queue standing in for a proxy. Owned by one test class and deleted when it closes.
 */
public final class DomainServiceFixture implements AutoCloseable {
    public final SqsClient sqs;
    public final SnsClient sns;
    public final EdgeEventsQueue edge;
    public String issuanceQueueUrl;
    /** The record archive of the services this fixture makes; replaced by {@link #freshIssuanceQueue}. */
    public MemoryRecordArchive archive = new MemoryRecordArchive();
    private final String suffix = random8();
    private int queues;

    public DomainServiceFixture() {
        AwsClients clients = EmulatorClients.create();
        sqs = clients.sqs();
        sns = clients.sns();
        edge = EdgeEventsQueue.create();
        freshIssuanceQueue();
    }

    public static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A service on {@code store} that queues on the issuance queue and publishes to the edge-events topic. */
    public DomainService service(RedisStore store, RegistrationPolicy policy, Clock clock) {
        return service(store, policy, clock, issuanceQueueUrl, edge.topicArn());
    }

    public DomainService service(RedisStore store, RegistrationPolicy policy, Clock clock, String queueUrl,
            String topicArn) {
        return new DomainService(store.domains(), store.certificates(), store.renewals(), store.rateLimiter(),
                new SqsIssuanceQueue(sqs, queueUrl), new SnsEdgeEventPublisher(sns, topicArn), clock, policy, archive);
    }

    /**
     * Replaces the issuance queue with a new, empty one. Tests call it before each test, so that what a test finds
     * on the queue is what it caused, whatever ran before it.
     */
    public void freshIssuanceQueue() {
        if (issuanceQueueUrl != null) {
            String old = issuanceQueueUrl;
            sqs.deleteQueue(r -> r.queueUrl(old));
        }
        archive = new MemoryRecordArchive();
        String name = "issuance-" + suffix + "-" + (++queues);
        issuanceQueueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    /** A queue URL on the emulator that names no queue: sending to it fails. */
    public String missingQueueUrl() {
        return issuanceQueueUrl.substring(0, issuanceQueueUrl.lastIndexOf('/') + 1) + "no-such-queue-" + random8();
    }

    /** Every request waiting on the issuance queue now, deleted as it is read. */
    public List<IssuanceRequest> queued() throws InvalidInputException {
        List<IssuanceRequest> requests = new ArrayList<>();
        for (Message m : EmulatorQueues.drain(sqs, issuanceQueueUrl, 1)) {
            requests.add(IssuanceRequestCodec.decode(m.body()));
        }
        return requests;
    }

    /** Messages on the issuance queue, visible, in flight or delayed, without taking them off it. */
    public long issuanceMessages() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(issuanceQueueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    @Override
    public void close() {
        sqs.deleteQueue(r -> r.queueUrl(issuanceQueueUrl));
        edge.close();
        sqs.close();
        sns.close();
    }
}
