package dev.portico.edge.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy treats origins.
 *
 * @param connectTimeout        a TCP (and TLS) connection to the origin must be up within this, else 502
 * @param responseTimeout       the origin must start answering, and keep sending, within this, else 504 (or the
 *                              visitor's connection is cut when the answer had started)
 * @param maxConnectionsPerOrigin connections to one origin per event loop; requests beyond wait for one
 * @param maxPendingPerOrigin   requests allowed to wait for a connection per origin and event loop; beyond, 503
 * @param idleOriginTimeout     a pooled connection unused this long is closed
 * @param maxRequestBody        a request body larger than this is refused with 413
 */
public record ProxySettings(Duration connectTimeout, Duration responseTimeout, int maxConnectionsPerOrigin,
        int maxPendingPerOrigin, Duration idleOriginTimeout, long maxRequestBody) {

    public ProxySettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(idleOriginTimeout, "idleOriginTimeout");
        for (Duration d : new Duration[] {connectTimeout, responseTimeout, idleOriginTimeout}) {
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException("origin timeouts must be at least 1 ms, got " + d);
            }
        }
        if (maxConnectionsPerOrigin < 1 || maxPendingPerOrigin < 0 || maxRequestBody < 0) {
            throw new IllegalArgumentException("origin limits must be positive");
        }
    }

    public static ProxySettings defaults() {
        return new ProxySettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 256, 1024, Duration.ofSeconds(60),
                100L * 1024 * 1024);
    }

    public ProxySettings withTimeouts(Duration connect, Duration response) {
        return new ProxySettings(connect, response, maxConnectionsPerOrigin, maxPendingPerOrigin, idleOriginTimeout,
                maxRequestBody);
    }
}
