package dev.portico.edge.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small plain-text responses, the only kind port 80 sends. */
public final class HttpResponses {
    private HttpResponses() {
    }

    /**
     * What answering a request needs to know about it, taken before the request is released, so an answer that
     * comes later (after a store look-up) does not hold the request's buffers.
     */
    public record Reply(HttpVersion version, boolean keepAlive) {
        public static Reply to(HttpRequest request) {
            // Answer HTTP/1.0 in kind, so its keep-alive negotiation holds; anything else gets HTTP/1.1.
            HttpVersion version = HttpVersion.HTTP_1_0.equals(request.protocolVersion())
                    ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
            return new Reply(version, HttpUtil.isKeepAlive(request));
        }

        /** For a request that cannot be trusted to have been framed right: the connection closes after the answer. */
        public Reply closing() {
            return new Reply(version, false);
        }
    }

    /**
     * A {@code text/plain} response that is never cached. The same for HEAD as for GET: {@code HttpServerCodec}
     * remembers which requests were HEAD and sends their answers without the body but with its Content-Length, as
     * RFC 9110 section 9.3.2 asks.
     */
    public static FullHttpResponse text(Reply reply, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(reply.version(), status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setKeepAlive(response, reply.keepAlive());
        return response;
    }

    /** {@link #text} with the status's reason phrase as the body, written and flushed. */
    public static ChannelFuture send(ChannelHandlerContext ctx, Reply reply, HttpResponseStatus status) {
        return ctx.writeAndFlush(text(reply, status, status.reasonPhrase().toLowerCase(Locale.ROOT) + "\n"));
    }
}
