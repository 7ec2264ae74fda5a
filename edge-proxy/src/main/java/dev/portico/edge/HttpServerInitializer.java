package dev.portico.edge;

import dev.portico.edge.acme.AcmeChallengeHandler;
import dev.portico.edge.acme.ChallengeLookup;
import dev.portico.edge.admin.EdgeMetrics;
import dev.portico.edge.http.AccessLogHandler;
import dev.portico.edge.http.BadRequestHandler;
import dev.portico.edge.http.CloseOnIdleHandler;
import dev.portico.edge.http.HttpPipeliningHandler;
import dev.portico.edge.http.HttpsRedirectHandler;
import dev.portico.edge.http.InFlightRequests;
import dev.portico.edge.http.NotFoundHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of the plain-HTTP port (80): ACME HTTP-01 answers, 308 to https for registered names that have their
 * certificate, 404 for everything else. Built from small steps,
 * so the TLS port's initializer can reuse the codec and logging steps and put proxying where challenges are here.
 *
 * <pre>
 * codec -> idle -> closeOnIdle -> keepAlive -> aggregator -> inFlight -> pipelining -> accessLog
 *       -> badRequest -> acmeChallenge -> httpsRedirect -> notFound
 * </pre>
 */
public final class HttpServerInitializer extends ChannelInitializer<Channel> {
    /** A challenge request line is about 100 bytes; nothing on port 80 needs long URLs. */
    static final int MAX_INITIAL_LINE_LENGTH = 2048;
    static final int MAX_HEADER_SIZE = 8192;
    /** Port 80 answers GET and HEAD only: a body is never needed, a small one still gets its 405 or 404. */
    static final int MAX_BODY_SIZE = 1024;
    /** Pipelined requests held per connection while one is answered; real clients hardly pipeline at all. */
    static final int MAX_PIPELINED_REQUESTS = 16;

    private static final BadRequestHandler BAD_REQUEST = new BadRequestHandler();
    private static final NotFoundHandler NOT_FOUND = new NotFoundHandler();
    private static final CloseOnIdleHandler CLOSE_ON_IDLE = new CloseOnIdleHandler();

    private final Duration readTimeout;
    private final InFlightRequests inFlight;
    private final AcmeChallengeHandler acmeChallenges;
    private final Optional<HttpsRedirectHandler> redirects;
    private final EdgeMetrics metrics;

    /**
     * @param inFlight  shared by every listener of a server, so its stop can wait for their answers
     * @param redirects sends registered names to https; absent on a challenge-only server
     */
    public HttpServerInitializer(Duration readTimeout, InFlightRequests inFlight, ChallengeLookup challenges,
            Optional<HttpsRedirectHandler> redirects) {
        this(readTimeout, inFlight, challenges, redirects, null);
    }

    /** @param metrics counts this port's responses with the TLS port's; null counts nothing */
    public HttpServerInitializer(Duration readTimeout, InFlightRequests inFlight, ChallengeLookup challenges,
            Optional<HttpsRedirectHandler> redirects, EdgeMetrics metrics) {
        this.readTimeout = readTimeout;
        this.inFlight = inFlight;
        this.acmeChallenges = new AcmeChallengeHandler(challenges);
        this.redirects = redirects;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        addCodecHandlers(pipeline);
        addTimeoutHandlers(pipeline);
        addAggregationHandlers(pipeline);
        addLoggingHandlers(pipeline);
        addRequestHandlers(pipeline);
    }

    private static void addCodecHandlers(ChannelPipeline pipeline) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                // Request smuggling defences: no lenient line endings, no duplicate Content-Length.
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false);
        pipeline.addLast("codec", new HttpServerCodec(decoder));
    }

    private void addTimeoutHandlers(ChannelPipeline pipeline) {
        // Closes keep-alive connections left open and clients that stop sending. One trickling a byte now and then
        // is held to the small line and header limits; a whole-request deadline belongs with the TLS port.
        pipeline.addLast("idle", new IdleStateHandler(readTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("closeOnIdle", CLOSE_ON_IDLE);
    }

    private void addAggregationHandlers(ChannelPipeline pipeline) {
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_BODY_SIZE));
        pipeline.addLast("inFlight", inFlight.newHandler());
        pipeline.addLast("pipelining", new HttpPipeliningHandler(MAX_PIPELINED_REQUESTS));
    }

    private void addLoggingHandlers(ChannelPipeline pipeline) {
        pipeline.addLast("accessLog", new AccessLogHandler(metrics));
    }

    private void addRequestHandlers(ChannelPipeline pipeline) {
        pipeline.addLast("badRequest", BAD_REQUEST);
        pipeline.addLast("acmeChallenge", acmeChallenges);
        redirects.ifPresent(handler -> pipeline.addLast("httpsRedirect", handler));
        pipeline.addLast("notFound", NOT_FOUND);
    }
}
