package dev.portico.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the edge proxy listens and how much it lets one store outage or one client cost. Redis settings are read by
 * {@code RedisSettings.fromEnvironment()}, the same way every Portico process reads them.
 *
 * @param bindAddress            where the listeners bind; all interfaces by default
 * @param httpPort               the plain-HTTP port the CA validates against; 0 picks a free one (tests)
 * @param readTimeout            a connection that sends nothing for this long is closed, idle keep-alive or not
 * @param challengeLookups       challenge store reads allowed at once; beyond it requests get 503 at once
 * @param challengeLookupTimeout how long a request waits for the store before it gets 503
 * @param shutdownGrace          how long a stop waits for requests in progress
 */
public record EdgeProxyConfig(InetAddress bindAddress, int httpPort, Duration readTimeout, int challengeLookups,
        Duration challengeLookupTimeout, Duration shutdownGrace) {

    public EdgeProxyConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, got " + httpPort);
        }
        requirePositive("read timeout", readTimeout);
        if (challengeLookups < 1) {
            throw new IllegalArgumentException("challenge look-ups must be at least 1, got " + challengeLookups);
        }
        requirePositive("challenge look-up timeout", challengeLookupTimeout);
        // A connection waiting for its answer is silent too: the read timeout must not cut off answers still owed.
        if (readTimeout.compareTo(challengeLookupTimeout) <= 0) {
            throw new IllegalArgumentException("read timeout (" + readTimeout.toMillis() + " ms) must be longer than "
                    + "the challenge look-up timeout (" + challengeLookupTimeout.toMillis() + " ms)");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, got " + shutdownGrace);
        }
    }

    /** Production defaults: port 80 on every interface. */
    public static EdgeProxyConfig defaults() {
        return new EdgeProxyConfig(anyAddress(), 80, Duration.ofSeconds(15), 64, Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    /** The variables of the table in edge-proxy/README.md; an unset or blank one keeps its default. */
    public static EdgeProxyConfig fromEnvironment(Function<String, String> env) {
        EdgeProxyConfig d = defaults();
        return new EdgeProxyConfig(
                address(env, "PORTICO_BIND_ADDRESS", d.bindAddress()),
                integer(env, "PORTICO_HTTP_PORT", d.httpPort()),
                Duration.ofSeconds(integer(env, "PORTICO_HTTP_READ_TIMEOUT_SECONDS", (int) d.readTimeout().toSeconds())),
                integer(env, "PORTICO_CHALLENGE_LOOKUPS_MAX", d.challengeLookups()),
                Duration.ofMillis(integer(env, "PORTICO_CHALLENGE_LOOKUP_TIMEOUT_MS",
                        (int) d.challengeLookupTimeout().toMillis())),
                Duration.ofSeconds(integer(env, "PORTICO_SHUTDOWN_GRACE_SECONDS", (int) d.shutdownGrace().toSeconds())));
    }

    public EdgeProxyConfig withListener(InetAddress address, int port) {
        return new EdgeProxyConfig(address, port, readTimeout, challengeLookups, challengeLookupTimeout,
                shutdownGrace);
    }

    public EdgeProxyConfig withReadTimeout(Duration timeout) {
        return new EdgeProxyConfig(bindAddress, httpPort, timeout, challengeLookups, challengeLookupTimeout,
                shutdownGrace);
    }

    public EdgeProxyConfig withChallengeLookups(int max, Duration timeout) {
        return new EdgeProxyConfig(bindAddress, httpPort, readTimeout, max, timeout, shutdownGrace);
    }

    public EdgeProxyConfig withShutdownGrace(Duration grace) {
        return new EdgeProxyConfig(bindAddress, httpPort, readTimeout, challengeLookups, challengeLookupTimeout,
                grace);
    }

    private static int integer(Function<String, String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static InetAddress address(Function<String, String> env, String name, InetAddress fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        // Literals only: a name here would need DNS at start-up, and a typo would bind somewhere unexpected.
        if (!value.strip().matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new IllegalArgumentException(name + " must be an IP address such as 0.0.0.0 or ::, got '" + value
                    + "'");
        }
        try {
            return InetAddress.getByName(value.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(name + " is not a valid IP address: '" + value + "'", e);
        }
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + d);
        }
    }
}
