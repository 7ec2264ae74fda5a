package dev.portico.core.domain;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** Recognizes IP address literals without ever touching DNS. */
final class IpLiterals {
    private IpLiterals() {
    }

    static boolean isIpLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return InetAddresses.isInetAddress(bare);
    }

    static InetAddress parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return InetAddresses.forString(bare);
    }
}
