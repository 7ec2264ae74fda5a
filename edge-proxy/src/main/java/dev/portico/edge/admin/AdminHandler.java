package dev.portico.edge.admin;

import dev.portico.edge.http.HttpResponses;
import dev.portico.edge.http.HttpResponses.Reply;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * {@code /healthz}: the process answers (ECS restarts it otherwise). {@code /readyz}: the store answers too.
 * {@code /metrics}: Prometheus text. Nothing else, GET only.
 */
@Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ReadinessProbe readiness;
    private final EdgeMetrics metrics;

    public AdminHandler(ReadinessProbe readiness, EdgeMetrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Reply reply = Reply.to(request);
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            HttpResponses.send(ctx, reply, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.uri().split("\\?", 2)[0];
        switch (path) {
            case "/healthz" -> ctx.writeAndFlush(HttpResponses.text(reply, HttpResponseStatus.OK, "ok\n"));
            case "/readyz" -> {
                Optional<String> problem = readiness.problem();
                ctx.writeAndFlush(problem.isEmpty()
                        ? HttpResponses.text(reply, HttpResponseStatus.OK, "ready\n")
                        : HttpResponses.text(reply, HttpResponseStatus.SERVICE_UNAVAILABLE, problem.get() + "\n"));
            }
            case "/metrics" -> {
                FullHttpResponse response = HttpResponses.text(reply, HttpResponseStatus.OK, metrics.render());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                ctx.writeAndFlush(response);
            }
            default -> HttpResponses.send(ctx, reply, HttpResponseStatus.NOT_FOUND);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Read timeouts and resets from health checkers: nothing to report.
        ctx.close();
    }
}
