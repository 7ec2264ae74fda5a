package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.testing.EmulatorClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The clean-up against the emulator's SQS and SNS: a feed whose heartbeat is older than the limit loses its queue and
 * subscription; a live one keeps both.
 */
class EdgeQueueJanitorIT {
    @Test
    void removesSilentFeedsAndKeepsLiveOnes() throws Exception {
        AwsClients aws = EmulatorClients.create();
        String topic = aws.sns().createTopic(r -> r.name("janitor-it-" + UUID.randomUUID())).topicArn();
        try (SqsEdgeEventSource live = SqsEdgeEventSource.open(aws, topic, "janitor-live-" + UUID.randomUUID());
                SqsEdgeEventSource dead = SqsEdgeEventSource.open(aws, topic, "janitor-dead-" + UUID.randomUUID())) {
            // Two hours from now, the live one has just said it is alive; the dead one said so two hours before.
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
            aws.sqs().tagQueue(r -> r.queueUrl(live.describe()).tags(java.util.Map.of(
                    SqsEdgeEventSource.HEARTBEAT_TAG, Long.toString(later.instant().getEpochSecond()))));

            EdgeQueueJanitor.Sweep sweep = new EdgeQueueJanitor(aws.sqs(), aws.sns(), topic, later)
                    .sweep(Duration.ofHours(1), 1000);

            assertThat(sweep.removed()).contains(dead.describe()).doesNotContain(live.describe());
            assertThatThrownBy(() -> aws.sqs().getQueueAttributes(r -> r.queueUrl(dead.describe())))
                    .isInstanceOf(QueueDoesNotExistException.class);
            assertThat(aws.sns().listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
                    .as("only the live feed's subscription is left").hasSize(1);
        } finally {
            aws.sns().deleteTopic(r -> r.topicArn(topic));
        }
    }
}
