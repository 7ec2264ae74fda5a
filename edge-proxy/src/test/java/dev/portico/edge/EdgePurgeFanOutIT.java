package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent;
import dev.portico.edge.events.EdgeEventListener;
import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Purge fan-out over the emulator's SNS and SQS: two proxies, each with its own queue on the edge-events topic, each
 * caching a page; one purge published once reaches both, and both miss on the next request; the same message
 * delivered again changes nothing (what was cached since stays).
 */
class EdgePurgeFanOutIT {
    private static final String HOST = "fanout.cache.test";

    @TempDir
    Path dir;

    @Test
    void onePurgeEmptiesEveryProxysCacheOnce() throws Exception {
        AwsClients aws = EmulatorClients.create();
        String topic = aws.sns().createTopic(r -> r.name("edge-events-purge-" + UUID.randomUUID())).topicArn();
        SnsEdgeEventPublisher publisher = new SnsEdgeEventPublisher(aws.sns(), topic);
        try (SharedRedis redis = SharedRedis.open();
                EdgeFixture one = EdgeFixture.start(redis.store, dir);
                EdgeFixture two = EdgeFixture.start(redis.store, dir);
                EdgeEventListener oneEvents = listen(aws, topic, one);
                EdgeEventListener twoEvents = listen(aws, topic, two)) {
            // Both proxies read the same store (one master key: the same directory) and route to one origin.
            one.sites.add(HOST, "tenant-a", one.origin.url());
            one.origin.respond(TestOrigin.Answer.text("v1").with("Cache-Control", "max-age=300"));
            for (EdgeFixture edge : List.of(one, two)) {
                get(edge, one);
                assertThat(get(edge, one).header("X-Cache")).isEqualTo("HIT");
            }
            EdgeEvent.Purge purge = new EdgeEvent.Purge(UUID.randomUUID().toString(), DomainName.ofTrusted(HOST),
                    new TenantId("tenant-a"), EdgeEvent.PurgeScope.URL, "/page", Instant.now());
            publisher.publish(purge);
            for (EdgeFixture edge : List.of(one, two)) {
                awaitPurged(edge);
                assertThat(get(edge, one).header("X-Cache")).isEqualTo("MISS");
            }
            publisher.publish(purge);
            Thread.sleep(1_500);
            for (EdgeFixture edge : List.of(one, two)) {
                assertThat(get(edge, one).header("X-Cache")).as("a repeated purge changes nothing").isEqualTo("HIT");
            }
        } finally {
            aws.sns().deleteTopic(r -> r.topicArn(topic));
        }
    }

    private static EdgeEventListener listen(AwsClients aws, String topic, EdgeFixture edge) throws Exception {
        return EdgeEventListener.start(SqsEdgeEventSource.open(aws, topic, "purge-it-" + UUID.randomUUID()),
                edge.server::apply);
    }

    /** Through {@code edge}, trusting the CA that issued the site's certificate ({@code issuer}'s). */
    private static HttpResponseText get(EdgeFixture edge, EdgeFixture issuer) throws Exception {
        try (TlsClient client = TlsClient.connect(edge.ports.https(), HOST, issuer.ca.clientContext())) {
            return client.get(HOST, "/page");
        }
    }

    private static void awaitPurged(EdgeFixture edge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (edge.server.responseCache().orElseThrow().store().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(edge.server.responseCache().orElseThrow().store().size()).as("entries after the purge").isZero();
    }
}
