package dev.portico.edge;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response read byte by byte from what the server wrote, without an HTTP client in between that would
 * hide what went over the wire (a body after a HEAD, a missing Content-Length, a wrong Connection header).
 */
public record HttpResponseText(String statusLine, int status, Map<String, List<String>> headers, String body) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(", ", values);
    }

    /** Reads one response; a HEAD response has no body whatever its Content-Length says. */
    public static HttpResponseText read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        List<String> encoding = headers.get("transfer-encoding");
        if (!head && encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            return new HttpResponseText(statusLine, Integer.parseInt(parts[1]), headers,
                    new String(chunked(in), StandardCharsets.UTF_8));
        }
        int status = Integer.parseInt(parts[1]);
        if (status == 304 || status == 204 || status < 200) {
            return new HttpResponseText(statusLine, status, headers, "");
        }
        List<String> length = headers.get("content-length");
        if (length == null) {
            throw new IOException("response without Content-Length: " + statusLine + " " + headers);
        }
        int bodyLength = head ? 0 : Integer.parseInt(length.get(0));
        byte[] body = in.readNBytes(bodyLength);
        if (body.length != bodyLength) {
            throw new EOFException("body cut short: " + body.length + " of " + bodyLength + " bytes");
        }
        return new HttpResponseText(statusLine, Integer.parseInt(parts[1]), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new EOFException("chunked body cut short");
            }
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not kept
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk cut short");
            }
            body.write(chunk);
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
