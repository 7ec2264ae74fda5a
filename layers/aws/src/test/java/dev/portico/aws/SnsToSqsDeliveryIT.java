package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.event.EventPublishException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Edge events travel SNS -> SQS (raw delivery) through the emulator, as they will from the control plane to proxies. */
class SnsToSqsDeliveryIT {
    private final AwsClients clients = EmulatorClients.create();
    private final SnsClient sns = clients.sns();
    private final SqsClient sqs = clients.sqs();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> queues = new ArrayList<>();
    private String topicArn;

    @BeforeEach
    void createTopic() {
        topicArn = sns.createTopic(r -> r.name("edge-events-" + suffix)).topicArn();
    }

    @AfterEach
    void cleanUp() {
        queues.forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
        sns.deleteTopic(r -> r.topicArn(topicArn));
    }

    @Test
    void everySubscribedProxyQueueReceivesTheEventVerbatim() throws Exception {
        String first = subscribedQueue("proxy-a-" + suffix);
        String second = subscribedQueue("proxy-b-" + suffix);
        EdgeEvent event = new EdgeEvent.CertificateUpdated(UUID.randomUUID().toString(),
                DomainName.ofTrusted("shop-" + suffix + ".example.com"), "0af3", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        String messageId = new SnsEdgeEventPublisher(sns, topicArn).publish(event);

        assertThat(messageId).isNotBlank();
        for (String queue : List.of(first, second)) {
            Message received = receiveOne(queue);
            assertThat(EdgeEventCodec.decode(received.body())).isEqualTo(event);
        }
    }

    @Test
    void publishingToAMissingTopicSaysWhichTopicAndDomain() {
        String missing = topicArn.replace("edge-events-" + suffix, "no-such-topic-" + suffix);
        EdgeEvent event = new EdgeEvent.DomainRemoved("e1", DomainName.ofTrusted("gone.example.com"), Instant.now());
        assertThatThrownBy(() -> new SnsEdgeEventPublisher(sns, missing).publish(event))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("gone.example.com").hasMessageContaining("no-such-topic-" + suffix);
    }

    private String subscribedQueue(String name) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        queues.add(url);
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

    /** Long-polls a bounded number of times; delivery through the emulator is asynchronous. */
    private Message receiveOne(String queueUrl) {
        for (int attempt = 0; attempt < 5; attempt++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)
                    .maxNumberOfMessages(1)).messages();
            if (!messages.isEmpty()) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
                return messages.get(0);
            }
        }
        throw new AssertionError("no message arrived on " + queueUrl + " within 10 s");
    }
}
