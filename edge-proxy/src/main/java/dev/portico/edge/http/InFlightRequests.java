package dev.portico.edge.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests received but not yet answered, across every connection of a server, so that a stop can wait for them.
 * Netty's own graceful shutdown closes every connection as soon as it begins, answers still owed or not.
 *
 * <p>Once {@link #drain()} is called, every further answer says {@code Connection: close}, so keep-alive clients
 * move to another proxy instead of sending more requests here.
 */
public final class InFlightRequests {
    private static final long POLL_MILLIS = 10;

    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean draining;

    /** One per connection; goes right behind the aggregator, so requests waiting to be served count too. */
    public ChannelHandler newHandler() {
        return new Tracker();
    }

    public int count() {
        return count.get();
    }

    public void drain() {
        draining = true;
    }

    /** Waits until nothing is in flight or the timeout passes; true when nothing is. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        return true;
    }

    private final class Tracker extends ChannelDuplexHandler {
        /** Requests of this connection not yet answered; more than one only while pipelined ones wait. */
        private int open;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                open++;
                count.incrementAndGet();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (draining && msg instanceof HttpResponse response) {
                // The keep-alive handler in front sees this and closes the connection once it is written.
                HttpUtil.setKeepAlive(response, false);
            }
            if (msg instanceof LastHttpContent && open > 0) {
                open--;
                count.decrementAndGet();
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            count.addAndGet(-open);
            open = 0;
            super.channelInactive(ctx);
        }
    }
}
