package dev.portico.edge.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The origin side of one pooled connection: hands what the origin sends to the exchange it is bound to, and tells
 * that exchange when the origin fails, closes early, or goes silent for longer than the response timeout. Unbound
 * (idle in its pool), anything the origin sends or an idle period closes the connection.
 */
final class OriginBackendHandler extends ChannelInboundHandlerAdapter {
    /** The visitor's side of an exchange; every call comes on the connection's event loop. */
    interface Exchange {
        void onResponse(HttpResponse response);

        void onContent(HttpContent content);

        /** The origin failed before the answer was complete; {@code timedOut} when it went silent. */
        void onOriginFailed(String why, boolean timedOut);

        void onOriginWritabilityChanged(boolean writable);
    }

    private final long responseTimeoutNanos;
    private Exchange exchange;
    private boolean awaitingAnswer;
    private long lastReadNanos;
    private ScheduledFuture<?> timeoutCheck;
    private ChannelHandlerContext ctx;

    OriginBackendHandler(Duration responseTimeout) {
        this.responseTimeoutNanos = responseTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    static OriginBackendHandler of(io.netty.channel.Channel channel) {
        return channel.pipeline().get(OriginBackendHandler.class);
    }

    void bind(Exchange exchange) {
        this.exchange = exchange;
        this.awaitingAnswer = true;
        this.lastReadNanos = System.nanoTime();
        scheduleTimeoutCheck(responseTimeoutNanos);
    }

    void unbind() {
        exchange = null;
        awaitingAnswer = false;
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
            timeoutCheck = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        lastReadNanos = System.nanoTime();
        Exchange current = exchange;
        if (msg instanceof io.netty.handler.codec.http.HttpObject object && object.decoderResult().isFailure()) {
            // Not an answer: never pass Netty's placeholder on. The visitor gets 502 and the connection goes.
            ReferenceCountUtil.release(msg);
            fail("the origin sent a malformed answer: " + object.decoderResult().cause().getMessage(), false);
            ctx.close();
            return;
        }
        if (msg instanceof LastHttpContent) {
            awaitingAnswer = false;
        }
        if (msg instanceof HttpResponse response) {
            current.onResponse(response);
        }
        if (msg instanceof HttpContent content) {
            current.onContent(content);
        }
    }

    private void scheduleTimeoutCheck(long delayNanos) {
        timeoutCheck = ctx.executor().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        if (!awaitingAnswer || exchange == null) {
            return;
        }
        long silentFor = System.nanoTime() - lastReadNanos;
        if (silentFor >= responseTimeoutNanos) {
            fail("no answer from the origin within " + TimeUnit.NANOSECONDS.toMillis(responseTimeoutNanos) + " ms",
                    true);
            ctx.close();
        } else {
            scheduleTimeoutCheck(responseTimeoutNanos - silentFor);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onOriginWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (awaitingAnswer) {
            fail("the origin closed the connection before its answer was complete", false);
        }
        unbind();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (awaitingAnswer) {
            fail("origin connection failed: " + cause.getMessage(), false);
        }
        ctx.close();
    }

    private void fail(String why, boolean timedOut) {
        Exchange current = exchange;
        unbind();
        if (current != null) {
            current.onOriginFailed(why, timedOut);
        }
    }
}
