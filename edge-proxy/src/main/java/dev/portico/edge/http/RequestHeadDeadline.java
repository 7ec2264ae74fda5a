package dev.portico.edge.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A request's line and headers must all arrive within the deadline from their first byte (slowloris: a client
 * trickling a header byte now and then would keep the idle timeout from ever firing). Two handlers share one deadline
 * per connection: {@link #bytesIn} in front of the codec starts it on the first byte of a new request, {@link
 * #requestsOut} behind the codec stops it when the decoded request appears, and re-arms it once the answer is sent.
 * A connection that misses it is closed.
 */
public final class RequestHeadDeadline {
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;
    private boolean exchangeOpen;

    public RequestHeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Goes right after the TLS handler, in front of the HTTP codec. */
    public ChannelHandler bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && !exchangeOpen && timer == null) {
                    timer = ctx.executor().schedule(() -> {
                        timer = null;
                        ctx.close();
                    }, timeoutNanos, TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }
        };
    }

    /** Goes right behind the HTTP codec. */
    public ChannelHandler requestsOut() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    cancel();
                    exchangeOpen = true;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    exchangeOpen = false;
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
