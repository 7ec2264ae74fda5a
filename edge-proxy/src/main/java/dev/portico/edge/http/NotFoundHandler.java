package dev.portico.edge.http;

import dev.portico.edge.http.HttpResponses.Reply;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a pipeline: every request nobody in front took is answered 404, and errors nobody handled close the
 * connection. Handlers that serve something go in front of it.
 */
@Sharable
public final class NotFoundHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(NotFoundHandler.class);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpResponses.send(ctx, Reply.to(request), HttpResponseStatus.NOT_FOUND);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Peers resetting connections are the internet's normal noise, not our errors.
        if (cause instanceof SocketException || cause instanceof IOException) {
            log.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("closing connection from {} after an unhandled error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
