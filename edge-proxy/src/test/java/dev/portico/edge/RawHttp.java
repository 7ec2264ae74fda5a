package dev.portico.edge;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** HTTP/1.1 over a plain socket, for requests an HTTP client would refuse to send or would tidy up. */
public final class RawHttp {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private RawHttp() {
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket(LOOPBACK, port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One request on a connection of its own. */
    public static HttpResponseText exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(bytes(request));
            return HttpResponseText.read(new BufferedInputStream(socket.getInputStream()), request.startsWith("HEAD "));
        }
    }

    public static String get(String target, String host) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A well-formed ACME token: 32 base64url characters. */
    public static String token() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 32);
    }
}
