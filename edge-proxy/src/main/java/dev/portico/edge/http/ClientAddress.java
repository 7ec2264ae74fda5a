package dev.portico.edge.http;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The visitor's address: what PROXY protocol said when the load balancer sends it, else the socket's peer. For an
 * HTTP/2 stream, its connection's.
 */
public final class ClientAddress {
    /** Set by {@link ProxyProtocolHandler} on the connection's channel. */
    public static final AttributeKey<String> FROM_PROXY_PROTOCOL = AttributeKey.valueOf("portico.clientAddress");

    private ClientAddress() {
    }

    public static String of(Channel channel) {
        Channel connection = channel.parent() != null && !(channel.parent() instanceof ServerChannel)
                ? channel.parent() : channel;
        String announced = connection.attr(FROM_PROXY_PROTOCOL).get();
        if (announced != null) {
            return announced;
        }
        if (connection.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(connection.remoteAddress());
    }
}
