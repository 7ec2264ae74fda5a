package dev.portico.edge.http;

import dev.portico.edge.admin.EdgeMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@link AccessLogEntry} per answered request to the {@code dev.portico.edge.access} logger. Sits behind
 * {@link HttpPipeliningHandler}, so at most one request per connection is open here at a time.
 */
public final class AccessLogHandler extends ChannelDuplexHandler {
    public static final String LOGGER = "dev.portico.edge.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final EdgeMetrics metrics;
    private Instant time;
    private long startNanos;
    private String method;
    private String host;
    private String path;
    private int status;

    public AccessLogHandler() {
        this(null);
    }

    /** @param metrics counts every logged response by status class; null counts nothing */
    public AccessLogHandler(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            time = Instant.now();
            startNanos = System.nanoTime();
            method = request.method().name();
            host = Objects.requireNonNullElse(request.headers().get(HttpHeaderNames.HOST), "");
            path = request.uri();
            status = 0;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
        }
        if (msg instanceof LastHttpContent && method != null) {
            emit(ctx, status);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (method != null) {
            emit(ctx, AccessLogEntry.CLIENT_CLOSED);
        }
        super.channelInactive(ctx);
    }

    private void emit(ChannelHandlerContext ctx, int code) {
        if (metrics != null) {
            metrics.response(code);
        }
        if (log.isInfoEnabled()) {
            log.info(new AccessLogEntry(time, method, host, path, code, System.nanoTime() - startNanos,
                    ClientAddress.of(ctx.channel())).toJson());
        }
        method = null;
    }
}
