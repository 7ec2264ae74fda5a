package dev.portico.aws.testing;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An edge-events topic on the emulator with one queue subscribed as an edge proxy's is in AWS, so that a test sees
 * what the proxies would be told. Each instance has its own topic and queue; closing deletes both.
 */
public final class EdgeEventsQueue implements AutoCloseable {
    private final SnsClient sns;
    private final SqsClient sqs;
    private final String topicArn;
    private final String queueUrl;

    private EdgeEventsQueue(SnsClient sns, SqsClient sqs, String topicArn, String queueUrl) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.queueUrl = queueUrl;
    }

    public static EdgeEventsQueue create() {
        AwsClients clients = EmulatorClients.create();
        SnsClient sns = clients.sns();
        SqsClient sqs = clients.sqs();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topicArn = sns.createTopic(r -> r.name("edge-events-" + suffix)).topicArn();
        String url = EmulatorQueues.subscribedQueue(sqs, sns, topicArn, "proxy-" + suffix);
        return new EdgeEventsQueue(sns, sqs, topicArn, url);
    }

    public String topicArn() {
        return topicArn;
    }

    /** An ARN in this topic's account and region that names no topic: publishing to it fails. */
    public String missingTopicArn() {
        return topicArn.substring(0, topicArn.lastIndexOf(':') + 1) + "no-such-topic-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public SnsEdgeEventPublisher publisher() {
        return new SnsEdgeEventPublisher(sns, topicArn);
    }

    /** The next event about {@code domain}; events about other domains are dropped, as tests share the queue. */
    public EdgeEvent receive(DomainName domain) throws Exception {
        return receive(event -> event.domain().equals(domain));
    }

    /** The first event that is {@code wanted}, within {@link EmulatorQueues#RECEIVE_BOUND}; others are dropped. */
    public EdgeEvent receive(Predicate<EdgeEvent> wanted) throws Exception {
        Message message = EmulatorQueues.receive(sqs, queueUrl, m -> wanted.test(EdgeEventCodec.decode(m.body())));
        return EdgeEventCodec.decode(message.body());
    }

    /** Drops whatever the proxy's queue holds now, so that what a test receives next is what it caused. */
    public List<Message> drain() {
        return EmulatorQueues.drain(sqs, queueUrl, 0);
    }

    @Override
    public void close() {
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sns.deleteTopic(r -> r.topicArn(topicArn));
        sqs.close();
        sns.close();
    }
}
