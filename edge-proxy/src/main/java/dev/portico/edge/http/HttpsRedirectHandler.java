package dev.portico.edge.http;

import dev.portico.edge.http.HttpResponses.Reply;
import dev.portico.edge.route.Route;
import dev.portico.edge.store.Lookup;
import dev.portico.edge.store.StoreCache;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Port 80 for a registered name that has its certificate: {@code 308} to the same URL on https (308, not 301, so a
 * POST stays a POST). Names without a certificate yet, and unknown names, go on to the next handler (404).
 */
@Sharable
public final class HttpsRedirectHandler extends ChannelInboundHandlerAdapter {
    private final StoreCache<Route> routes;
    private final int httpsPort;

    /** @param httpsPort the port visitors reach https on; appears in the Location unless it is 443 */
    public HttpsRedirectHandler(StoreCache<Route> routes, int httpsPort) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.httpsPort = httpsPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<HttpHost> host = HttpHost.of(request);
        if (host.isEmpty() || host.get().isIpLiteral()) {
            ctx.fireChannelRead(msg);
            return;
        }
        routes.lookup(host.get().name()).whenCompleteAsync((lookup, neverThrown) -> {
            if (lookup instanceof Lookup.Found<Route> found && found.value().hasCertificate()) {
                redirect(ctx, request, host.get().name());
            } else {
                ctx.fireChannelRead(request);
            }
        }, ctx.executor());
    }

    private void redirect(ChannelHandlerContext ctx, FullHttpRequest request, String host) {
        Reply reply = Reply.to(request);
        String target = request.uri().startsWith("/") ? request.uri() : "/";
        request.release();
        String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + target;
        FullHttpResponse response = HttpResponses.text(reply, HttpResponseStatus.PERMANENT_REDIRECT,
                "moved to " + location + "\n");
        response.headers().set(HttpHeaderNames.LOCATION, location);
        ctx.writeAndFlush(response);
    }
}
