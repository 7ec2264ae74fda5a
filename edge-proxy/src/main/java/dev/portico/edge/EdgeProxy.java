package dev.portico.edge;

import dev.portico.aws.AwsClients;
import dev.portico.aws.MasterKeys;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.store.StoreException;
import dev.portico.edge.events.EdgeEventListener;
import dev.portico.edge.events.EdgeInstance;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge proxy process: configuration from the environment (edge-proxy/README.md has the table), one Redis store,
 * one {@link EdgeProxyServer}, and an orderly stop on SIGTERM (ECS sends it, then SIGKILL after its stop timeout).
 * Exit codes: 2 for invalid configuration, 1 when a port cannot be bound.
 */
public final class EdgeProxy {
    private static final Logger log = LoggerFactory.getLogger(EdgeProxy.class);

    private EdgeProxy() {
    }

    public static void main(String[] args) {
        EdgeProxyConfig config;
        RedisSettings redisSettings;
        KeyEnvelope envelope;
        try {
            config = EdgeProxyConfig.fromEnvironment(System::getenv);
            redisSettings = RedisSettings.fromEnvironment();
            envelope = KeyEnvelope.withDefaults(MasterKeys.fromEnvironment(System::getenv));
        } catch (IllegalArgumentException | IllegalStateException | StoreException e) {
            log.error("invalid configuration: {}", e.getMessage());
            exit(2);
            return;
        }
        RedisStore store;
        try {
            // Does not connect yet: the proxy starts, and serves the fallback and 503s, while Redis is away.
            store = RedisStore.open(redisSettings);
        } catch (StoreException e) {
            log.error("invalid Redis configuration: {}", e.getMessage());
            exit(2);
            return;
        }
        EdgeProxyServer server = new EdgeProxyServer(config, EdgeSources.of(store, envelope));
        AtomicReference<EdgeEventListener> events = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Removing the feed (two AWS calls) runs beside the drain, so the stop stays within ECS's stop timeout.
            Thread feed = Thread.ofVirtual().start(() -> Optional.ofNullable(events.get())
                    .ifPresent(EdgeEventListener::close));
            server.stop();
            try {
                feed.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.close();
            // Log4j's own hook is disabled in log4j2.xml: it would race this one and drop the last lines.
            LogManager.shutdown();
        }, "edge-shutdown"));
        try {
            long startNanos = System.nanoTime();
            EdgeProxyServer.Ports ports = server.start();
            log.info("edge proxy started in {} ms: http={} https={} redis={} keyPrefix='{}' certificateCache={}",
                    (System.nanoTime() - startNanos) / 1_000_000, ports.http(), ports.https(), store.endpoint(),
                    redisSettings.keyPrefix(), config.certificates().maxEntries());
            events.set(listenToEdgeEvents(server).orElse(null));
        } catch (IllegalArgumentException e) {
            log.error("invalid TLS configuration: {}", e.getMessage());
            exit(2);
        } catch (Exception e) {
            log.error("cannot start the edge proxy on {} (http {}, https {}): {}",
                    config.bindAddress().getHostAddress(), config.httpPort(), config.httpsPort(), e.toString());
            exit(1);
        }
        // The event loop threads are not daemons: the process lives until the shutdown hook stops them.
    }

    /**
     * This proxy's own queue on the edge-events topic (EDGE_EVENTS_TOPIC_ARN); without it, renewed certificates are
     * picked up by the caches' periodic refresh only. A feed that cannot be set up is retried in the background with
     * growing pauses; the proxy serves regardless.
     */
    private static Optional<EdgeEventListener> listenToEdgeEvents(EdgeProxyServer server) {
        String topic = System.getenv("EDGE_EVENTS_TOPIC_ARN");
        if (topic == null || topic.isBlank()) {
            log.warn("EDGE_EVENTS_TOPIC_ARN is not set: renewals and removals reach this proxy only through the "
                    + "cache refresh (PORTICO_CERT_REFRESH_SECONDS)");
            return Optional.empty();
        }
        String instance = EdgeInstance.id(System::getenv);
        return Optional.of(EdgeEventListener.startOpening(
                () -> SqsEdgeEventSource.open(AwsClients.fromEnvironment(System::getenv), topic.strip(), instance),
                server::apply));
    }

    private static void exit(int status) {
        LogManager.shutdown();
        System.exit(status);
    }
}
