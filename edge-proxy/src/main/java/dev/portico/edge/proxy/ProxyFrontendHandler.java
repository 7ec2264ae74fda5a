package dev.portico.edge.proxy;

import dev.portico.edge.admin.EdgeMetrics;
import dev.portico.edge.cache.CacheKey;
import dev.portico.edge.cache.ResponseCache;
import dev.portico.edge.http.HttpHost;
import dev.portico.edge.http.HttpResponses;
import dev.portico.edge.http.HttpResponses.Reply;
import dev.portico.edge.route.Route;
import dev.portico.edge.store.Lookup;
import dev.portico.edge.store.StoreCache;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Function;

/**
 * The visitor's side of the proxy, one per HTTP/1.1 connection or HTTP/2 stream: checks the request (framing, Host
 * against the TLS name, size), finds the domain's route, takes an origin connection from the pool and streams the
 * request to it and the answer back. One exchange at a time; pipelined requests wait, with reading paused.
 *
 * <p>Back-pressure both ways: while the origin cannot take more of the body, the visitor is not read; while the
 * visitor cannot take more of the answer, the origin is not read.
 */
public final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter implements OriginBackendHandler.Exchange {
    /** Pipelined messages held while an exchange runs; a client sending more is disconnected. */
    static final int MAX_QUEUED = 64;

    private enum State { IDLE, ROUTING, CONNECTING, FORWARDING, DISCARDING }

    private final StoreCache<Route> routes;
    private final OriginPools pools;
    private final ProxySettings settings;
    private final EdgeMetrics metrics;
    private final ResponseCache caching;
    private final Function<Channel, Optional<String>> tlsName;
    private final Function<Channel, String> clientIp;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private final ArrayDeque<HttpContent> pendingBody = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private Reply reply;
    private HttpRequest originRequest;
    private Channel origin;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean originKeepAlive;
    private long bodyBytes;
    private long startNanos;
    private CachingExchange cached;
    private boolean swallowOrigin;

    /**
     * @param tlsName  the name the visitor's TLS connection was opened for (SNI), if any
     * @param clientIp the visitor's address, from PROXY protocol when enabled
     */
    public ProxyFrontendHandler(StoreCache<Route> routes, OriginPools pools, ProxySettings settings,
            EdgeMetrics metrics, Function<Channel, Optional<String>> tlsName, Function<Channel, String> clientIp) {
        this(routes, pools, settings, metrics, null, tlsName, clientIp);
    }

    /** @param caching the edge cache; null proxies every request */
    public ProxyFrontendHandler(StoreCache<Route> routes, OriginPools pools, ProxySettings settings,
            EdgeMetrics metrics, ResponseCache caching, Function<Channel, Optional<String>> tlsName,
            Function<Channel, String> clientIp) {
        this.routes = routes;
        this.pools = pools;
        this.settings = settings;
        this.metrics = metrics;
        this.caching = caching;
        this.tlsName = tlsName;
        this.clientIp = clientIp;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean belongsToNext = (state != State.IDLE && requestDone) || !queued.isEmpty();
        if (belongsToNext) {
            if (queued.size() >= MAX_QUEUED) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            queued.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request && state == State.IDLE) {
            begin(request);
        } else if (msg instanceof HttpContent content && state != State.IDLE) {
            body(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(HttpRequest request) {
        reply = Reply.to(request);
        startNanos = System.nanoTime();
        requestDone = request instanceof FullHttpRequest;
        responseStarted = false;
        bodyBytes = 0;
        Optional<HttpHost> host = HttpHost.of(request);
        Optional<String> sni = tlsName.apply(ctx.channel());
        Optional<RequestChecks.Refusal> refusal = RequestChecks.refusal(request, settings.maxRequestBody());
        if (refusal.isPresent()) {
            ReferenceCountUtil.release(request);
            answer(refusal.get().status(), refusal.get().message(), true);
        } else if (host.isEmpty()) {
            ReferenceCountUtil.release(request);
            answer(HttpResponseStatus.BAD_REQUEST, "a request needs exactly one valid Host header\n", false);
        } else if (sni.isEmpty() || !sni.get().equals(host.get().name())) {
            ReferenceCountUtil.release(request);
            answer(HttpResponseStatus.MISDIRECTED_REQUEST, "this connection was opened for "
                    + sni.orElse("no name (the client sent no SNI)") + ", not " + host.get().name()
                    + "; open a new connection for it\n", false);
        } else {
            route(request, host.get().name());
        }
    }

    private void route(HttpRequest request, String host) {
        state = State.ROUTING;
        var lookup = routes.lookup(host);
        if (lookup.isDone()) {
            routed(request, host, lookup.join());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        lookup.whenCompleteAsync((result, neverThrown) -> routed(request, host, result), ctx.executor());
    }

    private void routed(HttpRequest request, String host, Lookup<Route> lookup) {
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(request);
            releasePending();
            return;
        }
        switch (lookup) {
            case Lookup.Found<Route> found -> connect(request, host, found.value());
            case Lookup.Unknown<Route> unknown -> {
                ReferenceCountUtil.release(request);
                answer(HttpResponseStatus.NOT_FOUND, "no site is configured for " + host + "\n", false);
            }
            case Lookup.Unavailable<Route> unavailable -> {
                ReferenceCountUtil.release(request);
                FullHttpResponse response = HttpResponses.text(reply, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "the edge cannot read this site's settings right now; retry shortly\n");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, "5");
                respondEarly(response, false);
            }
        }
    }

    private void connect(HttpRequest request, String host, Route route) {
        if (caching != null && answeredByCache(request, host, route)) {
            return;
        }
        OriginKey key = OriginKey.of(route);
        originRequest = OriginRequests.toOrigin(request, route, key, host, clientIp.apply(ctx.channel()));
        if (cached != null) {
            cached.prepare(originRequest);
        }
        ReferenceCountUtil.release(request);
        state = State.CONNECTING;
        ctx.channel().config().setAutoRead(false);
        pools.acquire(ctx.channel().eventLoop(), key).addListener(f -> connected(castChannel(f)));
    }

    /**
     * Serves from the edge cache when it may (true), or parks the request behind a miss already fetching its URL
     * (true; it comes back here once that ends), or lets it go on to the origin (false).
     */
    private boolean answeredByCache(HttpRequest request, String host, Route route) {
        if (cached == null) {
            cached = new CachingExchange(caching, new CacheKey(host, request.uri()), request, route.tenant());
        }
        ResponseCache.Decision decision = cached.decide();
        if (decision instanceof ResponseCache.Serve serve) {
            FullHttpResponse response = caching.toResponse(serve.response(), serve.xCache(),
                    HttpMethod.HEAD.equals(request.method()), reply.version(), request.headers());
            HttpUtil.setKeepAlive(response, reply.keepAlive());
            if (serve.revalidate()) {
                BackgroundRevalidation.start(pools, ctx.channel().eventLoop(), caching,
                        new CacheKey(host, request.uri()), OriginRequests.toOrigin(request, route,
                                OriginKey.of(route), host, clientIp.apply(ctx.channel())),
                        OriginKey.of(route), serve.response(), route.tenant(), request.headers());
            }
            ReferenceCountUtil.release(request);
            respondEarly(response, false);
            return true;
        }
        Optional<java.util.concurrent.CompletableFuture<Void>> leader = cached.waitForLeader();
        if (leader.isPresent()) {
            state = State.ROUTING;
            ctx.channel().config().setAutoRead(false);
            leader.get().completeOnTimeout(null, settings.responseTimeout().toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((done, neverThrown) -> {
                        if (ctx.channel().isActive()) {
                            connect(request, host, route);
                        } else {
                            ReferenceCountUtil.release(request);
                            releasePending();
                        }
                    }, ctx.executor());
            return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Future<Channel> castChannel(Future<?> future) {
        return (Future<Channel>) future;
    }

    private void connected(Future<Channel> acquired) {
        if (!acquired.isSuccess()) {
            ReferenceCountUtil.release(originRequest);
            originRequest = null;
            Throwable cause = acquired.cause();
            if (cached != null && cached.mayServeOnFailure()) {
                respondEarly(cached.storedResponse(reply.version(), reply.keepAlive()), !requestDone);
            } else if (OriginPools.isExhausted(cause)) {
                FullHttpResponse busy = HttpResponses.text(reply, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "too many requests are waiting for this site's origin; retry shortly\n");
                busy.headers().set(HttpHeaderNames.RETRY_AFTER, "2");
                respondEarly(busy, !requestDone);
            } else {
                answer(HttpResponseStatus.BAD_GATEWAY, "the origin cannot be reached: " + cause.getMessage() + "\n",
                        !requestDone);
            }
            return;
        }
        Channel channel = acquired.getNow();
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(originRequest);
            releasePending();
            OriginPools.release(channel);
            return;
        }
        origin = channel;
        OriginBackendHandler.of(channel).bind(this);
        state = State.FORWARDING;
        channel.write(originRequest);
        originRequest = null;
        HttpContent content;
        while ((content = pendingBody.poll()) != null) {
            channel.write(content);
        }
        channel.flush();
        ctx.channel().config().setAutoRead(requestDone ? queued.isEmpty() : channel.isWritable());
    }

    private void body(HttpContent content) {
        bodyBytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            requestDone = true;
        }
        if (content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(content);
            abort(HttpResponseStatus.BAD_REQUEST, "the request body is malformed (bad chunk framing)\n");
            return;
        }
        if (bodyBytes > settings.maxRequestBody()) {
            ReferenceCountUtil.release(content);
            abort(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than "
                    + settings.maxRequestBody() + " bytes\n");
            return;
        }
        switch (state) {
            case FORWARDING -> {
                origin.writeAndFlush(content);
                if (!origin.isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
            case ROUTING, CONNECTING -> pendingBody.add(content);
            case DISCARDING -> {
                ReferenceCountUtil.release(content);
                if (requestDone) {
                    finish();
                }
            }
            case IDLE -> ReferenceCountUtil.release(content);
        }
    }

    /** A request that cannot go on: answered if nothing was sent yet, and the visitor's connection closed. */
    private void abort(HttpResponseStatus status, String message) {
        dropOrigin();
        if (responseStarted) {
            ctx.close();
        } else {
            answer(status, message, true);
        }
    }

    @Override
    public void onResponse(HttpResponse response) {
        if (response.status().code() == 100) {
            return;
        }
        responseStarted = true;
        metrics.originLatency(System.nanoTime() - startNanos);
        originKeepAlive = HttpUtil.isKeepAlive(response);
        if (cached != null && cached.onResponse(response) == CachingExchange.OnResponse.SERVE_STORED) {
            // The origin's answer (a 304, or a failure within stale-if-error) is read and dropped.
            swallowOrigin = true;
            ctx.writeAndFlush(cached.storedResponse(reply.version(), reply.keepAlive()));
            return;
        }
        OriginRequests.stripHopByHop(response.headers());
        HttpUtil.setKeepAlive(response, reply.keepAlive());
        if (!(response instanceof HttpContent)) {
            ctx.write(response);
        }
    }

    @Override
    public void onContent(HttpContent content) {
        if (!responseStarted) {
            ReferenceCountUtil.release(content);
            return;
        }
        if (swallowOrigin) {
            ReferenceCountUtil.release(content);
        } else {
            if (cached != null) {
                cached.collect(content);
                if (content instanceof LastHttpContent) {
                    cached.completed();
                }
            }
            ctx.writeAndFlush(content);
        }
        if (content instanceof LastHttpContent) {
            Channel used = origin;
            boolean reusable = requestDone && originKeepAlive;
            OriginBackendHandler.of(used).unbind();
            origin = null;
            if (reusable) {
                used.config().setAutoRead(true);
                OriginPools.release(used);
            } else {
                OriginPools.discard(used);
            }
            if (requestDone) {
                finish();
            } else {
                // The origin answered before the body was all sent (an early 413, say): nothing can tell where the
                // rest of it ends on this connection, so it ends here.
                ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } else if (!ctx.channel().isWritable() && origin != null) {
            origin.config().setAutoRead(false);
        }
    }

    @Override
    public void onOriginFailed(String why, boolean timedOut) {
        Channel failed = origin;
        origin = null;
        if (failed != null) {
            OriginPools.discard(failed);
        }
        if (!responseStarted && cached != null && cached.mayServeOnFailure()) {
            respondEarly(cached.storedResponse(reply.version(), reply.keepAlive()), !requestDone);
        } else if (responseStarted) {
            ctx.close();
        } else {
            answer(timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY,
                    "the origin did not answer properly: " + why + "\n", !requestDone);
        }
    }

    @Override
    public void onOriginWritabilityChanged(boolean writable) {
        if (state == State.FORWARDING && !requestDone) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    /**
     * Silence from the visitor (HTTP/1.1): closes an idle keep-alive connection or an upload that stopped, but not an
     * exchange waiting for its origin, which the origin's response timeout bounds.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (state == State.IDLE || state == State.DISCARDING || (state == State.FORWARDING && !requestDone)) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (origin != null) {
            origin.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void endCaching() {
        swallowOrigin = false;
        if (cached != null) {
            cached.end();
            cached = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endCaching();
        dropOrigin();
        releasePending();
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        ctx.fireChannelInactive();
    }

    private void answer(HttpResponseStatus status, String message, boolean close) {
        respondEarly(HttpResponses.text(reply, status, message), close);
    }

    /** An answer from the edge itself; the rest of the request's body, if any, is read and dropped. */
    private void respondEarly(FullHttpResponse response, boolean close) {
        releasePending();
        responseStarted = true;
        if (close) {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            state = State.DISCARDING;
            return;
        }
        ctx.writeAndFlush(response);
        if (requestDone) {
            finish();
        } else {
            state = State.DISCARDING;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void finish() {
        state = State.IDLE;
        reply = null;
        endCaching();
        if (queued.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        // Not from inside the write that ended the exchange: the next one may answer at once, and would nest.
        ctx.executor().execute(this::replayQueued);
    }

    /** The queued messages of the next request, up to the one after it (which waits for its turn again). */
    private void replayQueued() {
        while (!queued.isEmpty() && ctx.channel().isActive()) {
            if (queued.peek() instanceof HttpRequest && state != State.IDLE) {
                return;
            }
            dispatch(queued.poll());
        }
        if (state == State.IDLE && queued.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dropOrigin() {
        if (origin != null) {
            OriginBackendHandler.of(origin).unbind();
            OriginPools.discard(origin);
            origin = null;
        }
    }

    private void releasePending() {
        HttpContent content;
        while ((content = pendingBody.poll()) != null) {
            content.release();
        }
    }
}
