package dev.portico.edge.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Lets one request at a time through to the handlers behind it, so pipelined requests are answered in the order they
 * came (RFC 9112 section 9.3.2) even when an earlier answer waits for the store and a later one would be ready at
 * once. Requests that arrive meanwhile wait here, reading stops until they are served, and a client that piles up
 * more than {@code maxQueued} is disconnected rather than buffered without end.
 *
 * <p>Sits behind the aggregator, so it sees whole requests, and in front of every handler that answers.
 */
public final class HttpPipeliningHandler extends ChannelDuplexHandler {
    private final int maxQueued;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private boolean inFlight;

    public HttpPipeliningHandler(int maxQueued) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
        }
        this.maxQueued = maxQueued;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!inFlight) {
            inFlight = true;
            ctx.fireChannelRead(msg);
            return;
        }
        if (queued.size() >= maxQueued) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        queued.add(msg);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean answered = msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (answered) {
            inFlight = false;
            // Not from inside this write: the next answer may be written synchronously, and would nest.
            ctx.executor().execute(() -> releaseNext(ctx));
        }
    }

    private void releaseNext(ChannelHandlerContext ctx) {
        if (inFlight || !ctx.channel().isActive()) {
            return;
        }
        Object next = queued.poll();
        if (next == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        inFlight = true;
        ctx.fireChannelRead(next);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseQueued();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
