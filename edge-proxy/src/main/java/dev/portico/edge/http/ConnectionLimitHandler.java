package dev.portico.edge.http;

import dev.portico.edge.admin.EdgeMetrics;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts visitor connections across both ports and closes new ones beyond the limit at once, before any TLS work:
 * a connection flood costs a file descriptor for an instant, not memory for a handshake.
 */
@Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("portico.counted");

    private final int max;
    private final EdgeMetrics metrics;
    private final AtomicLong open = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    public ConnectionLimitHandler(int max, EdgeMetrics metrics) {
        if (max < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + max);
        }
        this.max = max;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        metrics.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
            metrics.connectionClosed();
        }
        super.channelInactive(ctx);
    }

    public long refused() {
        return refused.sum();
    }
}
