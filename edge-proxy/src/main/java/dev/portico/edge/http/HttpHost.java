package dev.portico.edge.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host a request is for, from its Host header, in the form names are stored in: lower case, without port and
 * without trailing dot. Pebble and real CAs send {@code Host: name:port}; browsers may send {@code Name.Example.}.
 *
 * <p>Stricter than RFC 3986's reg-name on purpose: only what could ever be a served name (letters, digits, {@code -},
 * {@code _} and dots, labels of 1 to 63) or an IP literal is accepted. Anything else (percent-encoding, spaces,
 * {@code @}, non-ASCII) is answered 400 before any handler or store sees it.
 *
 * @param name the normalized host, e.g. {@code shop.example.com}, {@code 192.0.2.1} or {@code [2001:db8::1]}
 * @param port the port after the name, or -1 when there was none
 */
public record HttpHost(String name, int port) {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    /** Far beyond any valid header value: refused before it is scanned. */
    private static final int MAX_HEADER_LENGTH = 300;

    /** The host of a request that carries exactly one valid Host header; RFC 9112 section 3.2 makes it 400 otherwise. */
    public static Optional<HttpHost> of(HttpRequest request) {
        List<String> values = request.headers().getAll(HttpHeaderNames.HOST);
        return values.size() == 1 ? parse(values.get(0)) : Optional.empty();
    }

    public static Optional<HttpHost> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !isIpv6Literal(value.substring(1, close))) {
                return Optional.empty();
            }
            host = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0) {
                host = value.substring(0, colon);
                port = value.substring(colon + 1);
            }
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!isHostName(host)) {
                return Optional.empty();
            }
        }
        int portNumber = parsePort(port);
        if (portNumber == -2) {
            return Optional.empty();
        }
        return Optional.of(new HttpHost(host.toLowerCase(Locale.ROOT), portNumber));
    }

    /** An IP address can never be a registered name, so challenge and routing look-ups can skip the store. */
    public boolean isIpLiteral() {
        if (name.startsWith("[")) {
            return true;
        }
        // No top-level domain is all digits (RFC 3696 section 2), so a numeric last label means IPv4.
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** -1 for no port (an empty port is allowed by RFC 3986), -2 for an invalid one. */
    private static int parsePort(String port) {
        if (port == null || port.isEmpty()) {
            return -1;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -2;
        }
        int number = Integer.parseInt(port);
        return number <= 65535 ? number : -2;
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > MAX_NAME_LENGTH) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if (isLetterOrDigit(c) || c == '-' || c == '_') {
                if (++labelLength > MAX_LABEL_LENGTH) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private static boolean isIpv6Literal(String address) {
        return address.length() >= 2 && address.indexOf(':') >= 0
                && address.chars().allMatch(c -> isHexDigit((char) c) || c == ':' || c == '.');
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
