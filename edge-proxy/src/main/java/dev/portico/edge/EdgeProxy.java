package dev.portico.edge;

import dev.portico.aws.AwsClients;
import dev.portico.aws.MasterKeys;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.event.EventSourceException;
import dev.portico.core.store.StoreException;
import dev.portico.edge.events.EdgeEventListener;
import dev.portico.edge.events.EdgeInstance;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
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
            Optional.ofNullable(events.get()).ifPresent(EdgeEventListener::close);
            server.stop();
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
     * picked up by the caches' periodic refresh only. A feed that cannot be set up is logged and retried by that
     * refresh: the proxy serves regardless.
     */
    private static Optional<EdgeEventListener> listenToEdgeEvents(EdgeProxyServer server) {
        String topic = System.getenv("EDGE_EVENTS_TOPIC_ARN");
        if (topic == null || topic.isBlank()) {
            log.warn("EDGE_EVENTS_TOPIC_ARN is not set: renewals and removals reach this proxy only through the "
                    + "cache refresh (PORTICO_CERT_REFRESH_SECONDS)");
            return Optional.empty();
        }
        AwsClients aws = AwsClients.fromEnvironment(System::getenv);
        try {
            SqsEdgeEventSource source = SqsEdgeEventSource.open(aws.sqsForLongPolling(), aws.sns(), topic.strip(),
                    EdgeInstance.id(System::getenv));
            return Optional.of(EdgeEventListener.start(source, server::apply));
        } catch (EventSourceException e) {
            log.error("{}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void exit(int status) {
        LogManager.shutdown();
        System.exit(status);
    }
}
