package dev.portico.control.issuance;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.testkit.LocalServices;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An edge-events topic on the emulator with one proxy's queue subscribed (raw delivery), as in AWS. */
final class EdgeEventsQueue implements AutoCloseable {
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

    static AwsClients emulator() {
        return AwsClients.withEndpoint(LocalServices.awsEndpoint(), Region.of(LocalServices.awsRegion()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalServices.get("AWS_ACCESS_KEY_ID"), LocalServices.get("AWS_SECRET_ACCESS_KEY"))));
    }

    static EdgeEventsQueue create() {
        AwsClients clients = emulator();
        SnsClient sns = clients.sns();
        SqsClient sqs = clients.sqs();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topicArn = sns.createTopic(r -> r.name("edge-events-" + suffix)).topicArn();
        String url = sqs.createQueue(r -> r.queueName("proxy-" + suffix)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        return new EdgeEventsQueue(sns, sqs, topicArn, url);
    }

    SnsEdgeEventPublisher publisher() {
        return new SnsEdgeEventPublisher(sns, topicArn);
    }

    /**
     * The next event about {@code domain} on the proxy's queue (others are dropped: tests share the queue),
     * long-polling for up to 10 s, as delivery through SNS is asynchronous.
     */
    EdgeEvent receive(DomainName domain) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)
                    .maxNumberOfMessages(10)).messages();
            for (Message message : messages) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                EdgeEvent event = EdgeEventCodec.decode(message.body());
                if (event.domain().equals(domain)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no edge event for " + domain + " arrived on " + queueUrl + " within 10 s");
    }

    @Override
    public void close() {
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sns.deleteTopic(r -> r.topicArn(topicArn));
        sqs.close();
        sns.close();
    }
}
