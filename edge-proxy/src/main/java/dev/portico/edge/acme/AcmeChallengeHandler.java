package dev.portico.edge.acme;

import dev.portico.core.store.Http01Challenge;
import dev.portico.edge.acme.ChallengeLookup.Busy;
import dev.portico.edge.acme.ChallengeLookup.Found;
import dev.portico.edge.acme.ChallengeLookup.NotFound;
import dev.portico.edge.acme.ChallengeLookup.Outcome;
import dev.portico.edge.acme.ChallengeLookup.Unavailable;
import dev.portico.edge.http.HttpHost;
import dev.portico.edge.http.HttpResponses;
import dev.portico.edge.http.HttpResponses.Reply;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@code GET /.well-known/acme-challenge/{token}} with the key authorization the shared store holds for that
 * token and the request's host (RFC 8555 section 8.3); passes every other request on.
 *
 * <p>The CA fetches exactly that path, so the token is the rest of the request target up to an ignored query, taken
 * as sent: no percent-decoding and no path normalization. Anything that is not a well-formed token ({@code ../},
 * {@code %2e}, a slash, padding, 200 characters) is answered 404 before the store is asked, so junk costs no
 * round trip. The store read runs on {@link ChallengeLookup}; the answer is written back on the channel's event loop.
 */
@Sharable
public final class AcmeChallengeHandler extends ChannelInboundHandlerAdapter {
    public static final String PATH_PREFIX = "/.well-known/acme-challenge/";
    /** The CA may retry a 503; Redis fail-over usually completes within a few seconds. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String ALLOWED_METHODS = "GET, HEAD";

    private final ChallengeLookup lookup;

    public AcmeChallengeHandler(ChallengeLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.uri().startsWith(PATH_PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Reply reply = Reply.to(request);
        HttpMethod method = request.method();
        String token = tokenOf(request.uri());
        Optional<HttpHost> host = HttpHost.of(request);
        request.release();

        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            FullHttpResponse response = HttpResponses.text(reply, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method not allowed\n");
            response.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
            ctx.writeAndFlush(response);
        } else if (host.isEmpty()) {
            HttpResponses.send(ctx, reply, HttpResponseStatus.BAD_REQUEST);
        } else if (!Http01Challenge.isWellFormedToken(token) || host.get().isIpLiteral()) {
            HttpResponses.send(ctx, reply, HttpResponseStatus.NOT_FOUND);
        } else {
            lookup.answer(token, host.get().name())
                    .whenCompleteAsync((outcome, error) -> respond(ctx, reply, outcome), ctx.executor());
        }
    }

    /** The path segment after the prefix, without the query the CA never sends and we ignore. */
    static String tokenOf(String target) {
        int query = target.indexOf('?');
        return target.substring(PATH_PREFIX.length(), query >= 0 ? query : target.length());
    }

    private static void respond(ChannelHandlerContext ctx, Reply reply, Outcome outcome) {
        if (!ctx.channel().isActive()) {
            return;
        }
        switch (outcome) {
            case Found found -> ctx.writeAndFlush(HttpResponses.text(reply, HttpResponseStatus.OK,
                    found.keyAuthorization()));
            case NotFound notFound -> HttpResponses.send(ctx, reply, HttpResponseStatus.NOT_FOUND);
            case Busy busy -> serviceUnavailable(ctx, reply);
            case Unavailable unavailable -> serviceUnavailable(ctx, reply);
            case null -> serviceUnavailable(ctx, reply);
        }
    }

    private static void serviceUnavailable(ChannelHandlerContext ctx, Reply reply) {
        FullHttpResponse response = HttpResponses.text(reply, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "challenge store unavailable, retry later\n");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        ctx.writeAndFlush(response);
    }
}
