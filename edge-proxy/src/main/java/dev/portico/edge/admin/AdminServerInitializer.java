package dev.portico.edge.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

/** The admin port's pipeline: small requests only, closed after 30 s of silence. */
public final class AdminServerInitializer extends ChannelInitializer<Channel> {
    private final AdminHandler handler;

    public AdminServerInitializer(AdminHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("timeout", new ReadTimeoutHandler(30));
        pipeline.addLast("codec", new HttpServerCodec());
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("aggregator", new HttpObjectAggregator(1024));
        pipeline.addLast("admin", handler);
    }
}
