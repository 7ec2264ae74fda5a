package dev.portico.edge.route;

import java.net.URI;
import java.util.Objects;

/**
 * What the proxy needs of a domain record to serve it.
 *
 * @param domain         the registered name (lower-case A-labels)
 * @param tenant         who owns it; scopes the edge cache and purges
 * @param origin         where its requests go: scheme, host and port (and an optional base path)
 * @param hasCertificate whether it has been issued one; port 80 redirects to https only then
 */
public record Route(String domain, String tenant, URI origin, boolean hasCertificate) {
    public Route {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean originIsTls() {
        return "https".equalsIgnoreCase(origin.getScheme());
    }

    /** The origin's port, the scheme's default when the URL names none. */
    public int originPort() {
        return origin.getPort() >= 0 ? origin.getPort() : originIsTls() ? 443 : 80;
    }
}
