package dev.portico.edge;

import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.acme.ChallengeLookup;
import dev.portico.edge.http.InFlightRequests;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge proxy's network side: one pair of event loop groups, and one listener per port with its own pipeline.
 * Today that is the plain-HTTP port answering ACME challenges; the TLS port is one more {@link #bind} call with its
 * own initializer on the same loops.
 *
 * <pre>{@code
 * try (EdgeProxyServer server = new EdgeProxyServer(config, store.challenges())) {
 *     int port = server.start().http();
 * }
 * }</pre>
 *
 * <p>Does not own the store: whoever opened it closes it, after {@link #stop()}.
 */
public final class EdgeProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeProxyServer.class);

    /** The ports actually bound, which differ from the configured ones when those were 0. */
    public record Ports(int http) {
    }

    private final EdgeProxyConfig config;
    private final Transport transport;
    private final ExecutorService lookupThreads;
    private final ChallengeLookup challenges;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Ports ports;
    private boolean stopped;

    public EdgeProxyServer(EdgeProxyConfig config, ChallengeStore challengeStore) {
        this(config, challengeStore, Transport.best());
    }

    EdgeProxyServer(EdgeProxyConfig config, ChallengeStore challengeStore, Transport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        // Virtual threads, bounded by the look-up's permits: blocking Jedis reads never touch an event loop.
        this.lookupThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("challenge-lookup-", 0).factory());
        this.challenges = new ChallengeLookup(challengeStore, lookupThreads, config.challengeLookups(),
                config.challengeLookupTimeout());
    }

    /**
     * Binds every listener and returns once they accept connections; fails, releasing what it took, if one cannot
     * bind. An instance starts once: a stopped server has shut its threads down.
     */
    public synchronized Ports start() throws InterruptedException {
        if (stopped) {
            throw new IllegalStateException("a stopped server cannot start again: create a new one");
        }
        if (ports != null) {
            return ports;
        }
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("edge-accept"), transport.ioHandlers());
        workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("edge-io"), transport.ioHandlers());
        try {
            int http = bind(config.httpPort(), new HttpServerInitializer(config.readTimeout(), inFlight, challenges));
            ports = new Ports(http);
        } catch (RuntimeException | InterruptedException e) {
            stop();
            throw e;
        }
        String whyNotEpoll = transport.name().equals("epoll") ? "" : Transport.epollUnavailableReason();
        log.info("edge proxy listening: http={}:{} transport={}{}", config.bindAddress().getHostAddress(),
                ports.http(), transport.name(), whyNotEpoll.isEmpty() ? "" : " (epoll unavailable: " + whyNotEpoll + ")");
        return ports;
    }

    private int bind(int port, ChannelHandler initializer) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(acceptors, workers)
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
            acceptors.shutdownGracefully(0, leftMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            workers = null;
            acceptors = null;
            log.info("edge proxy stopped");
        }
        lookupThreads.shutdown();
        ports = null;
    }

    @Override
    public void close() {
        stop();
    }
}
