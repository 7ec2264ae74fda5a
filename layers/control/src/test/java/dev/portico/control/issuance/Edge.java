package dev.portico.control.issuance;

import com.sun.net.httpserver.HttpServer;
import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.EdgeProxyConfig;
import dev.portico.edge.EdgeProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The HTTP side of the edge as issuance meets it in tests: the real edge proxy, or some other web server. */
final class Edge {
    private Edge() {
    }

    /**
     * The edge proxy's port-80 server on loopback {@code port}, answering from {@code challenges} (the store under
     * test, with its key prefix): the CA validates against it and the routing probe reaches it. One per test class,
     * as only one process can hold the port.
     */
    static EdgeProxyServer proxy(int port, ChallengeStore challenges) throws InterruptedException {
        EdgeProxyServer server = new EdgeProxyServer(
                EdgeProxyConfig.defaults().withListener(InetAddress.getLoopbackAddress(), port), challenges);
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ", where the CA's HTTP-01 "
                    + "validations and the routing probe go: find the holder with 'ss -ltnp sport = :" + port
                    + "', stop it (an edge proxy or another test run) and rerun", e);
        }
    }

    /** A web server that is not ours: 200 with its own page for every path, on a free loopback port. */
    static HttpServer someoneElse() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] page = "<html>Welcome to nginx!</html>".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return server;
    }
}
