package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.testing.EmulatorClients;
import dev.portico.aws.testing.EmulatorQueues;
import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.event.EventPublishException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

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
            Message received = EmulatorQueues.receive(sqs, queue);
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
        String url = EmulatorQueues.subscribedQueue(sqs, sns, topicArn, name);
        queues.add(url);
        return url;
    }
}
