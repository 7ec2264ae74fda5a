package dev.portico.edge.proxy;

import dev.portico.edge.route.Route;

/** One pool per origin endpoint: scheme, host and port. */
record OriginKey(boolean tls, String host, int port) {
    static OriginKey of(Route route) {
        return new OriginKey(route.originIsTls(), route.origin().getHost(), route.originPort());
    }

    /** The Host header the origin expects: the port only when it is not the scheme's default. */
    String hostHeader() {
        boolean defaultPort = tls ? port == 443 : port == 80;
        String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return defaultPort ? name : name + ":" + port;
    }
}
