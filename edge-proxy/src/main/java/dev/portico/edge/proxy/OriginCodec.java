package dev.portico.edge.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.util.ArrayDeque;

/**
 * The origin connection's HTTP codec: Netty's request encoder and response decoder, with the two things a pooled
 * proxy connection needs that {@code HttpClientCodec} does not offer: the methods of requests in flight (a HEAD's
 * answer has no body whatever its Content-Length says), and whether bytes are left over once an answer is complete.
 * An origin that sends more than its Content-Length leaves such bytes; the connection must then be closed, never
 * pooled, or the next visitor's answer would start with them.
 */
final class OriginCodec {
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    private final Decoder decoder = new Decoder();

    /** Goes first in the pipeline (closest to the socket), then {@link #decoder()}. */
    HttpRequestEncoder encoder() {
        return new HttpRequestEncoder();
    }

    Decoder decoder() {
        return decoder;
    }

    /** Records each request's method as it goes out, for the decoder. */
    ChannelOutboundHandlerAdapter methodRecorder() {
        return new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpRequest request) {
                    methods.add(request.method());
                }
                ctx.write(msg, promise);
            }
        };
    }

    /** Whether undecoded bytes wait in the decoder (the last answer was longer than it said). */
    boolean hasLeftoverBytes() {
        return decoder.leftover() > 0;
    }

    final class Decoder extends HttpResponseDecoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                HttpMethod method = methods.poll();
                if (HttpMethod.HEAD.equals(method)) {
                    return true;
                }
            }
            return super.isContentAlwaysEmpty(msg);
        }

        int leftover() {
            return actualReadableBytes();
        }
    }
}
