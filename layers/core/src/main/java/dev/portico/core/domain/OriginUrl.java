package dev.portico.core.domain;

import java.net.URI;
import java.util.Objects;

/**
 * Where the edge forwards a domain's traffic: {@code http} or {@code https}, a host, an optional port and path
 * prefix; no credentials, query or fragment. Built by {@link OriginPolicy#parse(String)}, which also refuses
 * addresses the edge must never be pointed at.
 */
public record OriginUrl(String scheme, String host, int port, String pathPrefix) {
    public OriginUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https: " + scheme);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Rebuilds an origin that Portico validated and stored earlier. */
    public static OriginUrl ofTrusted(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme();
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("stored origin has no host: " + url);
        }
        return new OriginUrl(scheme, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port,
                uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    public boolean isTls() {
        return scheme.equals("https");
    }

    /** The canonical text form, with the port only when it is not the scheme's default. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String p = port == defaultPort(scheme) ? "" : ":" + port;
        return scheme + "://" + h + p + pathPrefix;
    }
}
