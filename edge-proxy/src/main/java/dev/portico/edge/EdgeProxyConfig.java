package dev.portico.edge;

import dev.portico.edge.proxy.ProxySettings;
import dev.portico.edge.store.StoreCacheSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the edge proxy listens and how much it lets one store outage or one client cost. Redis settings are read by
 * {@code RedisSettings.fromEnvironment()}, the same way every Portico process reads them.
 *
 * @param bindAddress            where the listeners bind; all interfaces by default
 * @param httpPort               the plain-HTTP port the CA validates against; 0 picks a free one (tests)
 * @param httpsPort              the TLS port; 0 picks a free one (tests)
 * @param redirectPort           the https port visitors see, for port 80's redirects (443 behind the load balancer)
 * @param adminPort              health, readiness and metrics; 0 picks a free one (tests)
 * @param maxConnections         visitor connections at once, both ports together; beyond, new ones are closed
 * @param ioThreads              event loop threads; 0 means one per available core
 * @param proxyProtocol          visitor ports expect a PROXY protocol header first (NLB with PROXY protocol v2)
 * @param readTimeout            a connection that sends nothing for this long is closed, idle keep-alive or not
 * @param handshakeTimeout       a TLS handshake (with its certificate look-up) must finish within this
 * @param requestHeadTimeout     a request's line and headers must arrive within this from their first byte
 * @param challengeLookups       challenge store reads allowed at once; beyond it requests get 503 at once
 * @param challengeLookupTimeout how long a request waits for the store before it gets 503
 * @param shutdownGrace          how long a stop waits for requests in progress
 * @param certificates           the certificate cache
 * @param routes                 the route cache
 * @param proxy                  how origins are reached
 * @param cacheMaxBytes          the edge cache's bound (bodies and headers); 0 turns the cache off
 * @param cacheMaxObjectBytes    a response larger than this streams past the cache
 * @param originCaFile           extra roots (PEM) trusted for https origins, beside the JDK's
 * @param fallbackChain          the certificate for names without one (PEM chain); generated when absent
 * @param fallbackKey            its PKCS#8 PEM key
 */
public record EdgeProxyConfig(InetAddress bindAddress, int httpPort, int httpsPort, int redirectPort, int adminPort,
        int maxConnections, int ioThreads, boolean proxyProtocol, Duration readTimeout, Duration handshakeTimeout,
        Duration requestHeadTimeout, int challengeLookups, Duration challengeLookupTimeout, Duration shutdownGrace, StoreCacheSettings certificates, StoreCacheSettings routes, ProxySettings proxy,
        long cacheMaxBytes, long cacheMaxObjectBytes, Optional<Path> originCaFile, Optional<Path> fallbackChain,
        Optional<Path> fallbackKey) {

    public EdgeProxyConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        port("HTTP port", httpPort);
        port("HTTPS port", httpsPort);
        port("redirect port", redirectPort);
        port("admin port", adminPort);
        if (ioThreads < 0) {
            throw new IllegalArgumentException("I/O threads must be 0 (one per core) or more, got " + ioThreads);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + maxConnections);
        }
        requirePositive("read timeout", readTimeout);
        requirePositive("TLS handshake timeout", handshakeTimeout);
        requirePositive("request head timeout", requestHeadTimeout);
        if (challengeLookups < 1) {
            throw new IllegalArgumentException("challenge look-ups must be at least 1, got " + challengeLookups);
        }
        requirePositive("challenge look-up timeout", challengeLookupTimeout);
        // A connection waiting for its answer is silent too: the read timeout must not cut off answers still owed.
        if (readTimeout.compareTo(challengeLookupTimeout) <= 0) {
            throw new IllegalArgumentException("read timeout (" + readTimeout.toMillis() + " ms) must be longer than "
                    + "the challenge look-up timeout (" + challengeLookupTimeout.toMillis() + " ms)");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, got " + shutdownGrace);
        }
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(originCaFile, "originCaFile");
        if (cacheMaxBytes < 0 || cacheMaxObjectBytes < 0) {
            throw new IllegalArgumentException("cache sizes must not be negative");
        }
        if (fallbackChain.isPresent() != fallbackKey.isPresent()) {
            throw new IllegalArgumentException("set both PORTICO_FALLBACK_CERT_FILE and PORTICO_FALLBACK_KEY_FILE, "
                    + "or neither (a fallback certificate is then generated at start)");
        }
    }

    /** Production defaults: ports 80 and 443 on every interface. */
    public static EdgeProxyConfig defaults() {
        return new EdgeProxyConfig(anyAddress(), 80, 443, 443, 9090, 50_000, 0, false, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 64, Duration.ofSeconds(2), Duration.ofSeconds(10),
                StoreCacheSettings.defaults(), StoreCacheSettings.defaults(), ProxySettings.defaults(),
                256L * 1024 * 1024, 8L * 1024 * 1024, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The variables of the table in edge-proxy/README.md; an unset or blank one keeps its default. */
    public static EdgeProxyConfig fromEnvironment(Function<String, String> env) {
        EdgeProxyConfig d = defaults();
        EnvironmentReader read = new EnvironmentReader(env);
        StoreCacheSettings c = d.certificates();
        ProxySettings p = d.proxy();
        int httpsPort = read.integer("PORTICO_HTTPS_PORT", d.httpsPort());
        return new EdgeProxyConfig(
                read.address("PORTICO_BIND_ADDRESS", d.bindAddress()),
                read.integer("PORTICO_HTTP_PORT", d.httpPort()),
                httpsPort,
                read.integer("PORTICO_REDIRECT_HTTPS_PORT", httpsPort == 0 ? d.redirectPort() : httpsPort),
                read.integer("PORTICO_ADMIN_PORT", d.adminPort()),
                read.integer("PORTICO_MAX_CONNECTIONS", d.maxConnections()),
                read.integer("PORTICO_IO_THREADS", d.ioThreads()),
                read.bool("PORTICO_PROXY_PROTOCOL", d.proxyProtocol()),
                read.seconds("PORTICO_HTTP_READ_TIMEOUT_SECONDS", d.readTimeout()),
                read.millis("PORTICO_TLS_HANDSHAKE_TIMEOUT_MS", d.handshakeTimeout()),
                read.millis("PORTICO_REQUEST_HEAD_TIMEOUT_MS", d.requestHeadTimeout()),
                read.integer("PORTICO_CHALLENGE_LOOKUPS_MAX", d.challengeLookups()),
                read.millis("PORTICO_CHALLENGE_LOOKUP_TIMEOUT_MS", d.challengeLookupTimeout()),
                read.seconds("PORTICO_SHUTDOWN_GRACE_SECONDS", d.shutdownGrace()),
                new StoreCacheSettings(read.integer("PORTICO_CERT_CACHE_MAX_ENTRIES", c.maxEntries()),
                        read.seconds("PORTICO_CERT_NEGATIVE_TTL_SECONDS", c.negativeTtl()), c.unavailableTtl(),
                        read.seconds("PORTICO_CERT_REFRESH_SECONDS", c.refreshAfter()), c.loadTimeout(),
                        read.integer("PORTICO_CERT_LOADS_MAX", c.maxLoads()),
                        read.integer("PORTICO_CERT_LOADS_PER_SECOND", c.maxLoadsPerSecond())),
                d.routes().withMaxEntries(read.integer("PORTICO_ROUTE_CACHE_MAX_ENTRIES", d.routes().maxEntries())),
                new ProxySettings(read.millis("PORTICO_ORIGIN_CONNECT_TIMEOUT_MS", p.connectTimeout()),
                        read.millis("PORTICO_ORIGIN_RESPONSE_TIMEOUT_MS", p.responseTimeout()),
                        read.integer("PORTICO_ORIGIN_MAX_CONNECTIONS", p.maxConnectionsPerOrigin()),
                        p.maxPendingPerOrigin(), p.idleOriginTimeout(),
                        read.longInteger("PORTICO_MAX_REQUEST_BODY_BYTES", p.maxRequestBody())),
                read.longInteger("PORTICO_CACHE_MAX_BYTES", d.cacheMaxBytes()),
                read.longInteger("PORTICO_CACHE_MAX_OBJECT_BYTES", d.cacheMaxObjectBytes()),
                read.path("PORTICO_ORIGIN_CA_FILE"),
                read.path("PORTICO_FALLBACK_CERT_FILE"),
                read.path("PORTICO_FALLBACK_KEY_FILE"));
    }

    /** Both listeners on {@code address}; the redirect names the https port actually chosen. */
    public EdgeProxyConfig withListeners(InetAddress address, int http, int https) {
        Builder b = toBuilder();
        b.bindAddress = address;
        b.httpPort = http;
        b.httpsPort = https;
        b.redirectPort = https == 0 ? redirectPort : https;
        return b.build();
    }

    /** The plain-HTTP listener only matters (a challenge-only server). */
    public EdgeProxyConfig withListener(InetAddress address, int http) {
        return withListeners(address, http, httpsPort);
    }

    public EdgeProxyConfig withAdminPort(int port) {
        Builder b = toBuilder();
        b.adminPort = port;
        return b.build();
    }

    public EdgeProxyConfig withProxyProtocol(boolean expected) {
        Builder b = toBuilder();
        b.proxyProtocol = expected;
        return b.build();
    }

    public EdgeProxyConfig withReadTimeout(Duration timeout) {
        Builder b = toBuilder();
        b.readTimeout = timeout;
        return b.build();
    }

    public EdgeProxyConfig withChallengeLookups(int max, Duration timeout) {
        Builder b = toBuilder();
        b.challengeLookups = max;
        b.challengeLookupTimeout = timeout;
        return b.build();
    }

    public EdgeProxyConfig withRequestHeadTimeout(Duration timeout) {
        Builder b = toBuilder();
        b.requestHeadTimeout = timeout;
        return b.build();
    }

    public EdgeProxyConfig withShutdownGrace(Duration grace) {
        Builder b = toBuilder();
        b.shutdownGrace = grace;
        return b.build();
    }

    public EdgeProxyConfig withCaches(StoreCacheSettings certificateCache, StoreCacheSettings routeCache) {
        Builder b = toBuilder();
        b.certificates = certificateCache;
        b.routes = routeCache;
        return b.build();
    }

    public EdgeProxyConfig withCache(long maxBytes, long maxObjectBytes) {
        Builder b = toBuilder();
        b.cacheMaxBytes = maxBytes;
        b.cacheMaxObjectBytes = maxObjectBytes;
        return b.build();
    }

    public EdgeProxyConfig withProxy(ProxySettings settings, Optional<Path> originRoots) {
        Builder b = toBuilder();
        b.proxy = settings;
        b.originCaFile = originRoots;
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.httpPort = httpPort;
        b.httpsPort = httpsPort;
        b.redirectPort = redirectPort;
        b.adminPort = adminPort;
        b.maxConnections = maxConnections;
        b.ioThreads = ioThreads;
        b.proxyProtocol = proxyProtocol;
        b.readTimeout = readTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.requestHeadTimeout = requestHeadTimeout;
        b.challengeLookups = challengeLookups;
        b.challengeLookupTimeout = challengeLookupTimeout;
        b.shutdownGrace = shutdownGrace;
        b.certificates = certificates;
        b.routes = routes;
        b.proxy = proxy;
        b.cacheMaxBytes = cacheMaxBytes;
        b.cacheMaxObjectBytes = cacheMaxObjectBytes;
        b.originCaFile = originCaFile;
        b.fallbackChain = fallbackChain;
        b.fallbackKey = fallbackKey;
        return b;
    }

    /** The withers' scratch copy: one field changed, the record's checks run again on build. */
    private static final class Builder {
        private InetAddress bindAddress;
        private int httpPort;
        private int httpsPort;
        private int redirectPort;
        private int adminPort;
        private int maxConnections;
        private int ioThreads;
        private boolean proxyProtocol;
        private Duration readTimeout;
        private Duration handshakeTimeout;
        private Duration requestHeadTimeout;
        private int challengeLookups;
        private Duration challengeLookupTimeout;
        private Duration shutdownGrace;
        private StoreCacheSettings certificates;
        private StoreCacheSettings routes;
        private ProxySettings proxy;
        private long cacheMaxBytes;
        private long cacheMaxObjectBytes;
        private Optional<Path> originCaFile;
        private Optional<Path> fallbackChain;
        private Optional<Path> fallbackKey;

        EdgeProxyConfig build() {
            return new EdgeProxyConfig(bindAddress, httpPort, httpsPort, redirectPort, adminPort, maxConnections,
                    ioThreads, proxyProtocol, readTimeout, handshakeTimeout, requestHeadTimeout, challengeLookups,
                    challengeLookupTimeout, shutdownGrace, certificates, routes, proxy, cacheMaxBytes,
                    cacheMaxObjectBytes, originCaFile, fallbackChain, fallbackKey);
        }
    }

    private static void port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535, got " + port);
        }
    }

    static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + d);
        }
    }
}
