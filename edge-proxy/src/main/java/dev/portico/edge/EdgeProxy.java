package dev.portico.edge;

import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
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
        try {
            config = EdgeProxyConfig.fromEnvironment(System::getenv);
            redisSettings = RedisSettings.fromEnvironment();
        } catch (IllegalArgumentException | StoreException e) {
            log.error("invalid configuration: {}", e.getMessage());
            exit(2);
            return;
        }
        RedisStore store;
        try {
            // Does not connect yet: the proxy starts, and answers 503 to challenges, while Redis is away.
            store = RedisStore.open(redisSettings);
        } catch (StoreException e) {
            log.error("invalid Redis configuration: {}", e.getMessage());
            exit(2);
            return;
        }
        EdgeProxyServer server = new EdgeProxyServer(config, store.challenges());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            store.close();
            // Log4j's own hook is disabled in log4j2.xml: it would race this one and drop the last lines.
            LogManager.shutdown();
        }, "edge-shutdown"));
        try {
            server.start();
            log.info("edge proxy started: redis={} keyPrefix='{}' challengeLookups={} lookupTimeout={}ms",
                    store.endpoint(), redisSettings.keyPrefix(), config.challengeLookups(),
                    config.challengeLookupTimeout().toMillis());
        } catch (Exception e) {
            log.error("cannot start the edge proxy on {}:{}: {}", config.bindAddress().getHostAddress(),
                    config.httpPort(), e.toString());
            exit(1);
        }
        // The event loop threads are not daemons: the process lives until the shutdown hook stops them.
    }

    private static void exit(int status) {
        LogManager.shutdown();
        System.exit(status);
    }
}
