package dev.portico.edge;

import dev.portico.edge.admin.EdgeMetrics;
import dev.portico.edge.http.AccessLogHandler;
import dev.portico.edge.http.InFlightRequests;
import dev.portico.edge.http.RequestHeadDeadline;
import dev.portico.edge.tls.CertificateCache;
import dev.portico.edge.tls.ServerTlsContext;
import dev.portico.edge.tls.SniCertificateHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline of the TLS port (443): the certificate by SNI, then HTTP/2 or HTTP/1.1 as ALPN chose, each request
 * handed to a fresh proxy frontend (one per HTTP/1.1 connection, one per HTTP/2 stream).
 *
 * <pre>
 * sni -> tls -> alpn -> h1: headDeadline -> codec -> headArrived -> idle -> keepAlive -> expectContinue -> inFlight
 *                           -> accessLog -> frontend
 *                       h2: idle -> closeOnIdle -> frames -> multiplex -> (per stream) http -> inFlight
 *                           -> accessLog -> frontend
 * </pre>
 */
final class HttpsServerInitializer extends ChannelInitializer<Channel> {
    static final int MAX_INITIAL_LINE_LENGTH = 8192;
    static final int MAX_HEADER_SIZE = 16384;
    static final int MAX_CONCURRENT_STREAMS = 100;

    private final ServerTlsContext tls;
    private final CertificateCache certificates;
    private final Duration readTimeout;
    private final Duration handshakeTimeout;
    private final Duration requestHeadTimeout;
    private final InFlightRequests inFlight;
    private final EdgeMetrics metrics;
    private final Supplier<ChannelHandler> frontends;

    HttpsServerInitializer(ServerTlsContext tls, CertificateCache certificates, Duration readTimeout,
            Duration handshakeTimeout, Duration requestHeadTimeout, InFlightRequests inFlight, EdgeMetrics metrics,
            Supplier<ChannelHandler> frontends) {
        this.tls = tls;
        this.certificates = certificates;
        this.readTimeout = readTimeout;
        this.handshakeTimeout = handshakeTimeout;
        this.requestHeadTimeout = requestHeadTimeout;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.frontends = frontends;
    }

    /** The SNI name of the connection carrying {@code channel} (itself, or the HTTP/2 connection of a stream). */
    static Optional<String> tlsNameOf(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return Optional.ofNullable(connection.attr(SniCertificateHandler.REQUESTED_NAME).get());
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("sni", new SniCertificateHandler(tls, certificates, handshakeTimeout.toMillis()));
        pipeline.addLast("alpn", new ProtocolNegotiator());
    }

    private final class ProtocolNegotiator extends ApplicationProtocolNegotiationHandler {
        ProtocolNegotiator() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        /**
         * Counted, not logged one by one: scanners and clients refusing the fallback certificate fail handshakes all
         * day, and a line each would let a flood of them fill the logs.
         */
        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            metrics.handshakeFailed();
            ctx.close();
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2Handlers(ctx.pipeline());
            } else {
                addHttp1Handlers(ctx.pipeline());
            }
        }
    }

    private void addHttp1Handlers(ChannelPipeline pipeline) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false);
        RequestHeadDeadline headDeadline = new RequestHeadDeadline(requestHeadTimeout);
        pipeline.addLast("headDeadline", headDeadline.bytesIn());
        pipeline.addLast("codec", new HttpServerCodec(decoder));
        pipeline.addLast("headArrived", headDeadline.requestsOut());
        // The frontend decides what silence means: an idle keep-alive connection closes, an exchange waiting for
        // its origin does not (the origin's own timeout bounds that).
        pipeline.addLast("idle", new IdleStateHandler(readTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("expectContinue", new HttpServerExpectContinueHandler());
        pipeline.addLast("inFlight", inFlight.newHandler());
        pipeline.addLast("accessLog", new AccessLogHandler(metrics));
        pipeline.addLast("frontend", frontends.get());
    }

    private void addHttp2Handlers(ChannelPipeline pipeline) {
        pipeline.addLast("idle", new IdleStateHandler(readTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        Http2FrameCodec frames = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(MAX_HEADER_SIZE))
                .validateHeaders(true)
                .build();
        pipeline.addLast("frames", frames);
        pipeline.addLast("closeOnIdle", new CloseIdleHttp2Connection(frames));
        pipeline.addLast("multiplex", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                ChannelPipeline streamPipeline = stream.pipeline();
                streamPipeline.addLast("http", new Http2StreamFrameToHttpObjectCodec(true));
                streamPipeline.addLast("inFlight", inFlight.newHandler());
                streamPipeline.addLast("accessLog", new AccessLogHandler(metrics));
                streamPipeline.addLast("frontend", frontends.get());
            }
        }));
    }

    /** Silence on an HTTP/2 connection closes it only when no stream is open (streams wait for origins). */
    private static final class CloseIdleHttp2Connection extends ChannelInboundHandlerAdapter {
        private final Http2FrameCodec frames;

        CloseIdleHttp2Connection(Http2FrameCodec frames) {
            this.frames = frames;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                if (frames.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }
    }
}
