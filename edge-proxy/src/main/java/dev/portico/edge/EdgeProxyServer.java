package dev.portico.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.acme.ChallengeLookup;
import dev.portico.edge.admin.AdminHandler;
import dev.portico.edge.admin.AdminServerInitializer;
import dev.portico.edge.admin.EdgeMetrics;
import dev.portico.edge.admin.ReadinessProbe;
import dev.portico.edge.cache.EdgeCache;
import dev.portico.edge.cache.ResponseCache;
import dev.portico.edge.http.ClientAddress;
import dev.portico.edge.http.ConnectionLimitHandler;
import dev.portico.edge.http.HttpsRedirectHandler;
import dev.portico.edge.http.InFlightRequests;
import dev.portico.edge.http.ProxyProtocolHandler;
import dev.portico.edge.proxy.OriginPools;
import dev.portico.edge.proxy.OriginTls;
import dev.portico.edge.proxy.ProxyFrontendHandler;
import dev.portico.edge.route.Route;
import dev.portico.edge.store.StoreCache;
import dev.portico.edge.tls.CertificateCache;
import dev.portico.edge.tls.FallbackCertificate;
import dev.portico.edge.tls.ServedCertificate;
import dev.portico.edge.tls.ServerTlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge proxy's network side: one pair of event loop groups, the plain-HTTP port (ACME answers, redirects) and the
 * TLS port (certificate by SNI, proxying to each domain's origin), sharing the caches of certificates and routes.
 *
 * <pre>{@code
 * try (EdgeProxyServer server = new EdgeProxyServer(config, EdgeSources.of(store, envelope))) {
 *     EdgeProxyServer.Ports ports = server.start();
 * }
 * }</pre>
 *
 * <p>Does not own the store: whoever opened it closes it, after {@link #stop()}.
 */
public final class EdgeProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeProxyServer.class);

    /**
     * The ports actually bound, which differ from the configured ones when those were 0; https and admin are -1 on a
     * challenge-only server.
     */
    public record Ports(int http, int https, int admin) {
    }

    private final EdgeProxyConfig config;
    private final EdgeSources sources;
    private final Transport transport;
    private final ExecutorService lookupThreads;
    private final ChallengeLookup challenges;
    private final CertificateCache certificates;
    private final StoreCache<Route> routes;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final ConnectionLimitHandler connectionLimit;
    private final Cache<String, Boolean> appliedEvents = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();
    private final ResponseCache responseCache;
    private ReadinessProbe readiness;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup workers;
    private ServerTlsContext tls;
    private DnsAddressResolverGroup resolvers;
    private Ports ports;
    private boolean stopped;

    /** A challenge-only server: port 80 answering the CA, as the control plane's tests need. */
    public EdgeProxyServer(EdgeProxyConfig config, ChallengeStore challengeStore) {
        this(config, EdgeSources.challengesOnly(challengeStore));
    }

    public EdgeProxyServer(EdgeProxyConfig config, EdgeSources sources) {
        this(config, sources, Transport.best());
    }

    EdgeProxyServer(EdgeProxyConfig config, EdgeSources sources, Transport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.transport = Objects.requireNonNull(transport, "transport");
        // Virtual threads, bounded by each look-up's permits: blocking Jedis reads never touch an event loop.
        this.lookupThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("store-read-", 0).factory());
        this.challenges = new ChallengeLookup(sources.challenges(), lookupThreads, config.challengeLookups(),
                config.challengeLookupTimeout());
        this.certificates = new CertificateCache(sources.certificates(), lookupThreads, config.certificates());
        this.routes = new StoreCache<>("route", sources.routes(), lookupThreads, config.routes(),
                Ticker.systemTicker());
        this.connectionLimit = new ConnectionLimitHandler(config.maxConnections(), metrics);
        this.responseCache = config.cacheMaxBytes() == 0 ? null : new ResponseCache(
                new EdgeCache(config.cacheMaxBytes(), config.cacheMaxObjectBytes()), Clock.systemUTC());
    }

    /**
     * Binds every listener and returns once they accept connections; fails, releasing what it took, if one cannot
     * bind. An instance starts once: a stopped server has shut its threads down.
     *
     * @throws IllegalArgumentException when the TLS contexts cannot be built (bad fallback certificate or origin roots)
     */
    public synchronized Ports start() throws InterruptedException {
        if (stopped) {
            throw new IllegalStateException("a stopped server cannot start again: create a new one");
        }
        if (ports != null) {
            return ports;
        }
        // One loop per core, accepting too: the work is CPU (TLS), not waiting, so more threads than cores only add
        // context switches, and an acceptor of its own hands every new connection across threads.
        workers = new MultiThreadIoEventLoopGroup(ioThreads(), new DefaultThreadFactory("edge-io"),
                transport.ioHandlers());
        try {
            int https = -1;
            Optional<HttpsRedirectHandler> redirects = Optional.empty();
            if (sources.tlsEnabled()) {
                https = bind(config.httpsPort(), httpsInitializer());
                int redirectPort = config.httpsPort() == 0 ? https : config.redirectPort();
                redirects = Optional.of(new HttpsRedirectHandler(routes, redirectPort));
            }
            int http = bind(config.httpPort(), new HttpServerInitializer(config.readTimeout(), inFlight, challenges,
                    redirects, metrics));
            int admin = -1;
            if (sources.tlsEnabled()) {
                readiness = ReadinessProbe.start(sources.ping(), Duration.ofSeconds(2));
                registerSamples();
                admin = bindAdmin(config.adminPort(), new AdminServerInitializer(new AdminHandler(readiness,
                        metrics)));
            }
            ports = new Ports(http, https, admin);
        } catch (RuntimeException | InterruptedException e) {
            stop();
            throw e;
        } catch (SSLException e) {
            stop();
            throw new IllegalArgumentException("cannot build the TLS context: " + e.getMessage(), e);
        }
        String whyNotEpoll = transport.name().equals("epoll") ? "" : Transport.epollUnavailableReason();
        log.info("edge proxy listening: http={}:{} https={} admin={} tls={} transport={}{}",
                config.bindAddress().getHostAddress(), ports.http(), ports.https(), ports.admin(),
                tls == null ? "off" : tls.provider(), transport.name(),
                whyNotEpoll.isEmpty() ? "" : " (epoll unavailable: " + whyNotEpoll + ")");
        return ports;
    }

    private ChannelHandler httpsInitializer() throws SSLException {
        ServedCertificate fallback = config.fallbackChain().isPresent()
                ? FallbackCertificate.load(config.fallbackChain().get(), config.fallbackKey().orElseThrow())
                : FallbackCertificate.generate();
        tls = ServerTlsContext.build(certificates, fallback);
        resolvers = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel())
                .queryTimeoutMillis(config.proxy().connectTimeout().toMillis()));
        OriginPools pools = new OriginPools(config.proxy(), transport.socketChannel(),
                OriginTls.context(config.originCaFile()), resolvers);
        return new HttpsServerInitializer(tls, certificates, config.readTimeout(),
                config.handshakeTimeout(), config.requestHeadTimeout(), inFlight, metrics,
                () -> new ProxyFrontendHandler(routes, pools, config.proxy(), metrics, responseCache,
                        HttpsServerInitializer::tlsNameOf, ClientAddress::of));
    }

    private void registerSamples() {
        metrics.sample("portico_certificate_cache_entries", "gauge", "Names in the certificate cache, negative "
                        + "answers included.", "", () -> certificates.stats().size())
                .sample("portico_certificate_cache_lookups_total", "counter", "Certificate look-ups by outcome.",
                        "{result=\"hit\"}", () -> certificates.stats().hits())
                .sample("portico_certificate_cache_lookups_total", "counter", "", "{result=\"load\"}",
                        () -> certificates.stats().loads())
                .sample("portico_certificate_cache_lookups_total", "counter", "", "{result=\"rejected_name\"}",
                        certificates::rejectedNames)
                .sample("portico_edge_cache_entries", "gauge", "URLs in the edge cache.", "",
                        () -> responseCache == null ? 0 : responseCache.store().size())
                .sample("portico_edge_cache_bytes", "gauge", "Bytes the edge cache holds (bodies and headers).", "",
                        () -> responseCache == null ? 0 : responseCache.store().weightedBytes())
                .sample("portico_edge_cache_purged_total", "counter", "Responses removed by purges.", "",
                        () -> responseCache == null ? 0 : responseCache.store().purgedCount())
                .sample("portico_route_cache_entries", "gauge", "Names in the route cache.", "",
                        () -> routes.stats().size())
                .sample("portico_connections_refused_total", "counter", "Connections closed at once: over "
                        + "PORTICO_MAX_CONNECTIONS.", "", connectionLimit::refused)
                .sample("portico_tls_handshakes_total", "counter", "TLS handshakes by certificate given.",
                        "{result=\"tenant\"}", () -> tls == null ? 0 : tls.tenantHandshakes())
                .sample("portico_tls_handshakes_total", "counter", "", "{result=\"fallback\"}",
                        () -> tls == null ? 0 : tls.fallbackHandshakes())
                .sample("portico_tls_handshakes_total", "counter", "", "{result=\"failed\"}",
                        metrics::handshakeFailures);
    }

    private int ioThreads() {
        return config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    }

    /** A visitors' port: every connection counted against the limit before anything else. */
    private int bind(int port, ChannelHandler initializer) throws InterruptedException {
        return bindAdmin(port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast("limit", connectionLimit);
                if (config.proxyProtocol()) {
                    ProxyProtocolHandler.addTo(channel.pipeline());
                }
                channel.pipeline().addLast(initializer);
            }
        });
    }

    private int bindAdmin(int port, ChannelHandler initializer) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(workers, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.bindAddress(), port))
                .sync()
                .channel();
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound ports; only after {@link #start()}. */
    public synchronized Ports ports() {
        if (ports == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return ports;
    }

    /**
     * Applies one edge event. SQS delivers at least once: an event seen in the last hour is skipped, so a purge
     * delivered again does not throw away what was cached since.
     */
    public void apply(EdgeEvent event) {
        if (appliedEvents.asMap().putIfAbsent(event.id(), Boolean.TRUE) != null) {
            log.debug("event {} seen already", event.id());
            return;
        }
        switch (event) {
            case EdgeEvent.CertificateUpdated updated -> certificateUpdated(updated.domain().ascii());
            case EdgeEvent.DomainRemoved removed -> domainRemoved(removed.domain().ascii());
            case EdgeEvent.Purge purge -> purge(purge);
        }
    }

    /** A certificate was issued or renewed for {@code domain}: served from the next handshake once re-read. */
    public void certificateUpdated(String domain) {
        certificates.refresh(domain);
        routes.refresh(domain);
    }

    /** The domain was removed: its certificate, route and cached responses are forgotten at once. */
    public void domainRemoved(String domain) {
        certificates.invalidate(domain);
        routes.invalidate(domain);
        if (responseCache != null) {
            responseCache.store().purgeHost(domain);
        }
    }

    /** Removes what the purge names from the edge cache; returns how many responses went. */
    public long purge(EdgeEvent.Purge purge) {
        if (responseCache == null) {
            return 0;
        }
        EdgeCache store = responseCache.store();
        String host = purge.domain().ascii();
        long removed = switch (purge.scope()) {
            case HOST -> store.purgeHost(host);
            case URL -> store.purgeUrl(host, purge.value());
            case PREFIX -> store.purgePrefix(host, purge.value());
            case TAG -> store.purgeTag(purge.tenant().value(), purge.value());
        };
        log.info("purge {} {} of {} (tenant {}): {} responses removed", purge.scope(), purge.value(), host,
                purge.tenant().value(), removed);
        return removed;
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    /** The edge cache, when on. */
    public Optional<ResponseCache> responseCache() {
        return Optional.ofNullable(responseCache);
    }

    public CertificateCache certificates() {
        return certificates;
    }

    public StoreCache<Route> routes() {
        return routes;
    }

    /**
     * Stops accepting at once, then waits up to the configured grace for the answers still owed (telling keep-alive
     * clients to go elsewhere meanwhile), then closes every connection. Safe to call more than once.
     */
    public synchronized void stop() {
        stopped = true;
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        listeners.clear();
        if (workers != null) {
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            inFlight.drain();
            try {
                if (!inFlight.awaitNone(config.shutdownGrace())) {
                    log.warn("closing {} requests still in progress after the shutdown grace of {} s",
                            inFlight.count(), config.shutdownGrace().toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long leftMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            workers.shutdownGracefully(0, leftMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            workers = null;
            log.info("edge proxy stopped");
        }
        if (readiness != null) {
            readiness.close();
        }
        if (resolvers != null) {
            resolvers.close();
        }
        lookupThreads.shutdown();
        certificates.clear();
        ports = null;
    }

    @Override
    public void close() {
        stop();
    }
}
