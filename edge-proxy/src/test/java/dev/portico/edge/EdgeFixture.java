package dev.portico.edge;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.store.redis.RedisStore;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A running edge proxy (both ports, on loopback, free ports) over a real store, with a test CA, tenant sites and an
 * origin: what the TLS and proxy tests share. Closing stops the proxy and the origin; the store is the caller's.
 */
final class EdgeFixture implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final TestCa ca;
    final TenantSites sites;
    final TestOrigin origin;
    final EdgeProxyServer server;
    final EdgeProxyServer.Ports ports;

    private EdgeFixture(TestCa ca, TenantSites sites, TestOrigin origin, EdgeProxyServer server) {
        this.ca = ca;
        this.sites = sites;
        this.origin = origin;
        this.server = server;
        this.ports = server.ports();
    }

    static EdgeFixture start(RedisStore store, Path dir) throws Exception {
        return start(store, dir, ProxySettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    static EdgeFixture start(RedisStore store, Path dir, ProxySettings proxy) throws Exception {
        return start(store, dir, proxy, UnaryOperator.identity());
    }

    static EdgeFixture start(RedisStore store, Path dir, ProxySettings proxy, UnaryOperator<EdgeProxyConfig> tuning)
            throws Exception {
        return start(store, dir, proxy, tuning, UnaryOperator.identity());
    }

    /** @param sourceTuning wraps what the proxy reads, e.g. to count store reads */
    static EdgeFixture start(RedisStore store, Path dir, ProxySettings proxy, UnaryOperator<EdgeProxyConfig> tuning,
            UnaryOperator<EdgeSources> sourceTuning) throws Exception {
        TestCa ca = TestCa.create();
        TenantSites sites = new TenantSites(store, dir.resolve("master.key"), ca);
        TestOrigin origin = TestOrigin.start();
        Path originRoots = dir.resolve("origin-roots.pem");
        Files.writeString(originRoots, ca.pem());
        EdgeProxyConfig config = EdgeProxyConfig.defaults()
                .withListeners(LOOPBACK, 0, 0)
                .withAdminPort(0)
                .withShutdownGrace(Duration.ofMillis(200))
                .withProxy(proxy, Optional.of(originRoots));
        config = tuning.apply(config);
        EdgeProxyServer server = new EdgeProxyServer(config,
                sourceTuning.apply(EdgeSources.of(store, sites.envelope())));
        server.start();
        return new EdgeFixture(ca, sites, origin, server);
    }

    TlsClient connect(String sni) throws Exception {
        return TlsClient.connect(ports.https(), sni, ca.clientContext());
    }

    @Override
    public void close() {
        server.stop();
        origin.close();
    }
}
