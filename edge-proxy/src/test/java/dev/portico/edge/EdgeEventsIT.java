package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.domain.DomainName;
import dev.portico.core.event.EdgeEvent;
import dev.portico.edge.events.EdgeEventListener;
import dev.portico.edge.tls.FallbackCertificate;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Events over the emulator's SNS and SQS, as in AWS: the proxy's own queue on the edge-events topic; a renewed
 * certificate is served within a second of its event, a removed domain falls back at once, and closing removes the
 * queue.
 */
class EdgeEventsIT {
    @TempDir
    Path dir;

    @Test
    void eventsReachTheProxyThroughItsOwnQueue() throws Exception {
        AwsClients aws = EmulatorClients.create();
        String topic = aws.sns().createTopic(r -> r.name("edge-events-it-" + UUID.randomUUID())).topicArn();
        SnsEdgeEventPublisher publisher = new SnsEdgeEventPublisher(aws.sns(), topic);
        try (SharedRedis redis = SharedRedis.open(); EdgeFixture edge = EdgeFixture.start(redis.store, dir)) {
            String name = "events.tls.test";
            TestCa.Leaf first = edge.sites.add(name, "tenant-a", edge.origin.url());
            try (TlsClient client = edge.connect(name)) {
                assertThat(client.leaf()).isEqualTo(first.certificate());
            }
            SqsEdgeEventSource source = SqsEdgeEventSource.open(aws, topic,
                    "it-" + UUID.randomUUID());
            String queueUrl = source.describe();
            try (EdgeEventListener listener = EdgeEventListener.start(source, edge.server::apply)) {
                TestCa.Leaf second = edge.sites.renew(name);
                long published = System.nanoTime();
                publisher.publish(new EdgeEvent.CertificateUpdated(UUID.randomUUID().toString(),
                        DomainName.ofTrusted(name), second.serial(), Instant.now()));
                X509Certificate served = waitFor(edge, name, second.certificate(), Duration.ofSeconds(5));
                long tookMillis = (System.nanoTime() - published) / 1_000_000;
                assertThat(served).isEqualTo(second.certificate());
                assertThat(tookMillis).as("ms from publish to served").isLessThan(1500);

                redis.store.certificates().remove(DomainName.ofTrusted(name));
                publisher.publish(new EdgeEvent.DomainRemoved(UUID.randomUUID().toString(),
                        DomainName.ofTrusted(name), Instant.now()));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                String cn;
                do {
                    try (TlsClient client = TlsClient.connect(edge.ports.https(), name, TestCa.trustingAnything())) {
                        cn = client.leaf().getSubjectX500Principal().getName();
                    }
                } while (!cn.contains(FallbackCertificate.GENERATED_NAME) && System.nanoTime() < deadline);
                assertThat(cn).contains(FallbackCertificate.GENERATED_NAME);
            }
            assertThatThrownBy(() -> aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)))
                    .as("the queue is deleted when the proxy stops listening")
                    .isInstanceOf(QueueDoesNotExistException.class);
        } finally {
            aws.sns().deleteTopic(r -> r.topicArn(topic));
        }
    }

    private static X509Certificate waitFor(EdgeFixture edge, String name, X509Certificate wanted, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        X509Certificate served;
        do {
            try (TlsClient client = edge.connect(name)) {
                served = client.leaf();
            }
            if (!served.equals(wanted)) {
                Thread.sleep(20);
            }
        } while (!served.equals(wanted) && System.nanoTime() < deadline);
        return served;
    }
}
