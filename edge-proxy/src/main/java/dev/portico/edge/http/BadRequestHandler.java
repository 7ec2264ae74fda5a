package dev.portico.edge.http;

import dev.portico.edge.http.HttpResponses.Reply;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers the requests no handler behind it should have to consider: ones the codec could not decode, and ones
 * without exactly one valid Host header (RFC 9112 section 3.2). Handlers behind it may rely on
 * {@link HttpHost#of} succeeding.
 */
@Sharable
public final class BadRequestHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            // The decoder discards the rest of the connection's bytes after a failure: close once answered.
            Reply reply = Reply.to(request).closing();
            ReferenceCountUtil.release(request);
            HttpResponses.send(ctx, reply, status);
            return;
        }
        if (HttpHost.of(request).isEmpty()) {
            Reply reply = Reply.to(request);
            ReferenceCountUtil.release(request);
            HttpResponses.send(ctx, reply, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        ctx.fireChannelRead(request);
    }
}
