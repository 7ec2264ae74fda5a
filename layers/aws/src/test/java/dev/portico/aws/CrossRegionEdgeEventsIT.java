package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventSource;
import dev.portico.testkit.LocalServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * An edge-only stack in a second region: its proxy's own queue lives in that region, the control plane's topic in
 * the first, and the proxy subscribes across (SNS takes the subscription in the topic's region).
 */
class CrossRegionEdgeEventsIT {
    private static final Region PRIMARY = Region.EU_WEST_1;

    @Test
    void aProxyInAnotherRegionSubscribesToThePrimaryTopicAndReceivesItsEvents() throws Exception {
        AwsClients primary = AwsClients.withEndpoint(LocalServices.awsEndpoint(), PRIMARY,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalServices.get("AWS_ACCESS_KEY_ID"),
                        LocalServices.get("AWS_SECRET_ACCESS_KEY"))));
        AwsClients secondary = EmulatorClients.create();
        assertThat(LocalServices.awsRegion()).isNotEqualTo(PRIMARY.id());
        SnsClient topics = primary.sns();
        String topicArn = topics.createTopic(r -> r.name("edge-events-" + UUID.randomUUID().toString()
                .substring(0, 8))).topicArn();
        assertThat(AwsClients.regionOf(topicArn)).contains(PRIMARY);
        try (SqsEdgeEventSource proxy = SqsEdgeEventSource.open(secondary, topicArn, "second-region-"
                + UUID.randomUUID().toString().substring(0, 8))) {
            EdgeEvent event = new EdgeEvent.CertificateUpdated(UUID.randomUUID().toString(),
                    DomainName.ofTrusted("shop.cross-region.example.com"), "0b1c",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            new SnsEdgeEventPublisher(topics, topicArn).publish(event);

            List<EdgeEvent> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                List<EdgeEventSource.Received> batch = proxy.receive(Duration.ofSeconds(2));
                batch.forEach(r -> received.add(r.event()));
                proxy.acknowledge(batch);
            }
            assertThat(received).containsExactly(event);
        } finally {
            topics.deleteTopic(r -> r.topicArn(topicArn));
        }
    }

    @Test
    void theRegionComesFromTheArn() {
        assertThat(AwsClients.regionOf("arn:aws:sns:ap-southeast-2:123456789012:edge-events"))
                .contains(Region.AP_SOUTHEAST_2);
        assertThat(AwsClients.regionOf("arn:aws:s3:::bucket")).isEmpty();
        assertThat(AwsClients.regionOf("not-an-arn")).isEmpty();
    }
}
