package dev.portico.control.issuance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Just enough HTTP/1.1 for the routing probe: one GET, and a response read within a byte cap and a deadline, so a
 * server that trickles, floods or never answers costs a bounded time and memory. Anything unexpected is simply "not
 * our answer"; this is not a general client.
 */
final class ProbeHttp {
    static final int MAX_HEAD = 8 * 1024;
    static final int MAX_BODY = 1024;
    private static final int MAX_TOTAL = MAX_HEAD + 2 * MAX_BODY;

    /** {@code body} holds at most {@link #MAX_BODY} bytes; {@code truncated} says there was more. */
    record Response(int status, String body, boolean truncated, Optional<String> location) {
    }

    private ProbeHttp() {
    }

    static byte[] request(String host, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Portico-RoutingProbe/1\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static Response read(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[2048];
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no complete response within the probe timeout");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_TOTAL - received.size()));
            if (n > 0) {
                received.write(buffer, 0, n);
            }
            byte[] bytes = received.toByteArray();
            Optional<Response> done = parse(bytes, n < 0 || bytes.length >= MAX_TOTAL);
            if (done.isPresent()) {
                return done.get();
            }
            if (n < 0 || bytes.length >= MAX_TOTAL) {
                throw new IOException("the response ended early or was not HTTP/1.x");
            }
        }
    }

    /** The response once complete (or once {@code ended}, taking what there is); empty while more is needed. */
    static Optional<Response> parse(byte[] bytes, boolean ended) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (text.length() > MAX_HEAD) {
                throw new IOException("response head is larger than " + MAX_HEAD + " bytes");
            }
            return Optional.empty();
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        if (!lines[0].matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
            String start = lines[0].substring(0, Math.min(60, lines[0].length()));
            throw new IOException("not an HTTP/1.x status line: " + start);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        long length = -1;
        boolean chunked = false;
        Optional<String> location = Optional.empty();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = Optional.of(value);
                default -> { }
            }
        }
        String body = text.substring(headEnd + 4);
        if (chunked) {
            Optional<String> decoded = dechunk(body);
            if (decoded.isEmpty() && !ended) {
                return Optional.empty();
            }
            body = decoded.orElse("");
        } else if (length >= 0) {
            if (body.length() < Math.min(length, MAX_BODY + 1) && !ended) {
                return Optional.empty();
            }
            body = body.substring(0, (int) Math.min(body.length(), length));
        } else if (!ended) {
            return Optional.empty();
        }
        boolean truncated = body.length() > MAX_BODY || length > MAX_BODY;
        body = body.substring(0, Math.min(body.length(), MAX_BODY));
        return Optional.of(new Response(status, body, truncated, location));
    }

    private static long parseLength(String value) throws IOException {
        if (!value.matches("[0-9]{1,12}")) {
            throw new IOException("invalid Content-Length: " + value);
        }
        return Long.parseLong(value);
    }

    /** The decoded body once the last chunk arrived (or the cap was passed); empty while incomplete. */
    private static Optional<String> dechunk(String body) throws IOException {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String size = body.substring(at, lineEnd).split(";", 2)[0].trim();
            if (!size.matches("[0-9a-fA-F]{1,6}")) {
                throw new IOException("invalid chunk size: " + size);
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return Optional.of(out.toString());
            }
            if (lineEnd + 2 + n > body.length()) {
                return out.length() > MAX_BODY ? Optional.of(out.toString()) : Optional.empty();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + n);
            if (out.length() > MAX_BODY) {
                return Optional.of(out.toString());
            }
            at = lineEnd + 2 + n + 2;
        }
    }
}
