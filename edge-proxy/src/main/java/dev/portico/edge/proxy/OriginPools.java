package dev.portico.edge.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Keep-alive connections to origins, one set of pools per event loop: a visitor's exchange and its origin connection
 * share a thread, so nothing is locked or handed over between threads on the hot path. Origins over https are
 * verified (chain and host name) and sent SNI.
 */
public final class OriginPools {
    private static final AttributeKey<ChannelPool> POOL = AttributeKey.valueOf("portico.originPool");
    private static final AttributeKey<OriginCodec> CODEC = AttributeKey.valueOf("portico.originCodec");

    private final ProxySettings settings;
    private final Class<? extends Channel> channelType;
    private final SslContext originTls;
    private final AddressResolverGroup<InetSocketAddress> resolvers;
    private final Map<EventLoop, Map<OriginKey, ChannelPool>> pools = new ConcurrentHashMap<>();

    /**
     * @param channelType the client socket type matching the event loops (epoll or NIO)
     * @param originTls   a client context that verifies origins' certificates
     * @param resolvers   resolves origins' host names without blocking (DNS over the event loop's own sockets)
     */
    public OriginPools(ProxySettings settings, Class<? extends Channel> channelType, SslContext originTls,
            AddressResolverGroup<InetSocketAddress> resolvers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.originTls = Objects.requireNonNull(originTls, "originTls");
        this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
    }

    /** A connection to the origin on {@code loop}; completes on that loop. */
    Future<Channel> acquire(EventLoop loop, OriginKey origin) {
        return pools.computeIfAbsent(loop, l -> new HashMap<>())
                .computeIfAbsent(origin, key -> newPool(loop, key))
                .acquire();
    }

    /**
     * Whether an acquire failed because the pool was full (too many waiting, or none freed in time), rather than the
     * origin being unreachable: the visitor gets 503 and may retry, not 502.
     */
    static boolean isExhausted(Throwable cause) {
        return cause instanceof java.util.concurrent.TimeoutException || cause instanceof IllegalStateException;
    }

    /**
     * Back to its pool for the next exchange; only a connection whose last exchange ended cleanly. One with bytes
     * left over after the answer (an origin sending more than its Content-Length) is closed instead: those bytes
     * would otherwise begin the next visitor's answer.
     */
    static void release(Channel channel) {
        OriginCodec codec = channel.attr(CODEC).get();
        if (codec != null && codec.hasLeftoverBytes()) {
            discard(channel);
            return;
        }
        ChannelPool pool = channel.attr(POOL).get();
        if (pool != null) {
            pool.release(channel);
        } else {
            channel.close();
        }
    }

    /** Closes it and lets its pool forget it. */
    static void discard(Channel channel) {
        channel.close();
        ChannelPool pool = channel.attr(POOL).get();
        if (pool != null) {
            pool.release(channel);
        }
    }

    /** Open, and no stray bytes arrived from the origin while it sat in the pool. */
    private static Future<Boolean> healthy(Channel channel) {
        OriginCodec codec = channel.attr(CODEC).get();
        return channel.eventLoop().newSucceededFuture(channel.isActive()
                && (codec == null || !codec.hasLeftoverBytes()));
    }

    private ChannelPool newPool(EventLoop loop, OriginKey origin) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .resolver(resolvers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
        ChannelPool[] self = new ChannelPool[1];
        self[0] = new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                channel.attr(POOL).set(self[0]);
                initOriginChannel(channel, origin);
            }
        }, OriginPools::healthy, FixedChannelPool.AcquireTimeoutAction.FAIL,
                settings.connectTimeout().toMillis(), settings.maxConnectionsPerOrigin(),
                settings.maxPendingPerOrigin(), true, true);
        return self[0];
    }

    private void initOriginChannel(Channel channel, OriginKey origin) {
        ChannelPipeline pipeline = channel.pipeline();
        if (origin.tls()) {
            SslHandler tls = originTls.newHandler(channel.alloc(), origin.host(), origin.port());
            SSLEngine engine = tls.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            tls.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
            pipeline.addLast("tls", tls);
        }
        OriginCodec codec = new OriginCodec();
        pipeline.addLast("encoder", codec.encoder());
        pipeline.addLast("decoder", codec.decoder());
        pipeline.addLast("methods", codec.methodRecorder());
        channel.attr(CODEC).set(codec);
        pipeline.addLast("idle", new IdleStateHandler(settings.idleOriginTimeout().toMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        pipeline.addLast("backend", new OriginBackendHandler(settings.responseTimeout()));
    }
}
