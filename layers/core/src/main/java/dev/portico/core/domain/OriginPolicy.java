package dev.portico.core.domain;

import dev.portico.core.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which origin URLs a tenant may point its domain at. The edge fetches from the origin on the tenant's behalf, so an
 * origin inside our own network (loopback, private ranges, link-local, cloud metadata) would turn the edge into a
 * server-side request forgery tool. Those are refused unless {@code allowPrivate} is set (local runs, tests).
 *
 * <p>Host names are checked here by name only; the proxy must apply {@link #isForbiddenAddress(InetAddress)} to the
 * address it actually connects to, because DNS can answer differently later (rebinding).
 */
public record OriginPolicy(boolean allowPrivate) {
    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "instance-data.ec2.internal", "metadata.azure.internal");

    public static OriginPolicy strict() {
        return new OriginPolicy(false);
    }

    public OriginUrl parse(String input) throws InvalidInputException {
        if (input == null || input.isBlank()) {
            throw invalid("origin_missing", "origin is missing: give the URL the edge should fetch from, e.g. https://origin.example.com");
        }
        if (input.length() > MAX_URL_LENGTH) {
            throw invalid("origin_too_long", "origin is " + input.length() + " characters long; at most " + MAX_URL_LENGTH + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(input);
        } catch (URISyntaxException e) {
            throw invalid("origin_malformed", "origin is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("origin_scheme", "origin must start with http:// or https://, not '" + scheme + ":'");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("origin_credentials", "origin must not contain credentials (user:password@); configure them at the origin instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("origin_query", "origin must not have a query or fragment; give a base URL such as https://origin.example.com/site");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid("origin_host", "origin has no valid host name");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? OriginUrl.defaultPort(scheme) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid("origin_port", "origin port " + port + " is out of range 1-65535");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        checkHost(bareHost);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new OriginUrl(scheme, bareHost, port, path);
    }

    private void checkHost(String host) throws InvalidInputException {
        if (IpLiterals.isIpLiteral(host)) {
            InetAddress address = IpLiterals.parse(host);
            if (!allowPrivate && isForbiddenAddress(address)) {
                throw invalid("origin_forbidden_address", "origin " + host
                        + " is a loopback, private, link-local or metadata address; the edge only fetches from public addresses");
            }
            return;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw invalid("origin_host", "origin host '" + host + "' is not a valid host name");
            }
        }
        String last = labels[labels.length - 1];
        if (last.chars().allMatch(Character::isDigit) || last.startsWith("0x")) {
            throw invalid("origin_host", "origin host '" + host + "' looks like an IP address in a non-standard form; write it as a.b.c.d");
        }
        if (!allowPrivate && (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".internal")
                || host.endsWith(".local") || METADATA_HOSTS.contains(host))) {
            throw invalid("origin_forbidden_address", "origin host '" + host + "' names a local or internal service; the edge only fetches from public hosts");
        }
    }

    /**
     * True for addresses the edge must not connect to on a tenant's behalf: loopback, unspecified, link-local
     * (including 169.254.169.254 metadata), private (RFC 1918, ULA), carrier-grade NAT, multicast, and IPv4-mapped
     * forms of these. Pure; the proxy calls it on every resolved origin address.
     */
    public static boolean isForbiddenAddress(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isV4Mapped(b)) {
                try {
                    return isForbiddenAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return uniqueLocal || v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress() || v6.isMulticastAddress();
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean zeroNet = first == 0;
            boolean cgnat = first == 100 && second >= 64 && second <= 127;
            boolean benchmark = first == 198 && (second == 18 || second == 19);
            boolean reserved = first >= 240;
            return zeroNet || cgnat || benchmark || reserved || v4.isLoopbackAddress() || v4.isLinkLocalAddress()
                    || v4.isSiteLocalAddress() || v4.isMulticastAddress();
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static InvalidInputException invalid(String code, String message) {
        return new InvalidInputException("origin", code, message);
    }
}
