package dev.portico.edge.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;

/**
 * Reads the PROXY protocol header the NLB puts before everything else on a connection (with PROXY protocol v2 on its
 * target group), keeps the visitor's address on the channel, and steps aside. When enabled, a connection without a
 * valid header is closed by the decoder: only the load balancer can reach the proxy then.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {
    private ProxyProtocolHandler() {
    }

    /** Adds the decoder and this handler to a visitor pipeline, before anything that reads the bytes. */
    public static void addTo(ChannelPipeline pipeline) {
        pipeline.addLast("proxyProtocolDecoder", new HAProxyMessageDecoder());
        pipeline.addLast("proxyProtocol", new ProxyProtocolHandler());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage header) {
            try {
                // LOCAL is the load balancer's own connection (no visitor): the socket's address stands.
                if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
                    ctx.channel().attr(ClientAddress.FROM_PROXY_PROTOCOL).set(header.sourceAddress());
                }
            } finally {
                header.release();
            }
            ctx.pipeline().remove(this);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
