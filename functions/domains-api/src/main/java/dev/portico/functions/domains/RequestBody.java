package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a request as text: its media type checked, base64 undone when API Gateway applied it, its size
 * bounded and its bytes verified to be UTF-8. Each failure is the status a client can act on (413, 415, 400).
 */
final class RequestBody {
    static final int MAX_BYTES = 16 * 1024;
    /** The longest base64 text that can decode to at most {@link #MAX_BYTES}: checked before decoding anything. */
    private static final int MAX_BASE64_CHARS = 4 * ((MAX_BYTES + 2) / 3);

    private RequestBody() {
    }

    static String jsonText(APIGatewayV2HTTPEvent event) throws RequestRejectedException {
        checkContentType(header(event.getHeaders(), "content-type"));
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw RequestRejectedException.badRequest("body_missing", "body",
                    "the request has no body; send {\"domain\": ..., \"tenant\": ..., \"origin\": ...}");
        }
        if (!event.getIsBase64Encoded()) {
            // A Java string has at most as many chars as its UTF-8 form has bytes: long text is too big already.
            if (body.length() > MAX_BYTES) {
                throw tooLarge();
            }
            byte[] bytes = strictUtf8Bytes(body);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        }
        if (body.length() > MAX_BASE64_CHARS) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badRequest("invalid_base64", "body",
                    "the body is marked base64-encoded but is not valid base64: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return strictUtf8Text(bytes);
    }

    /** Header names are case-insensitive; API Gateway sends them in lower case, other invokers may not. */
    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static void checkContentType(String value) throws RequestRejectedException {
        if (value == null || value.isBlank()) {
            throw unsupported("the request has no Content-Type; send the body as application/json");
        }
        String[] parts = value.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw unsupported("Content-Type must be application/json, not '" + Texts.clip(type, 100) + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset")) {
                String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw unsupported("the body must be UTF-8 JSON; charset '" + Texts.clip(charset, 40)
                            + "' is not supported");
                }
            }
        }
    }

    private static byte[] strictUtf8Bytes(String text) throws RequestRejectedException {
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static String strictUtf8Text(byte[] bytes) throws RequestRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static RequestRejectedException notUtf8() {
        return RequestRejectedException.badRequest("invalid_utf8", "body", "the body is not valid UTF-8");
    }

    private static RequestRejectedException tooLarge() {
        return new RequestRejectedException(413, "body_too_large", "body",
                "the body is larger than " + MAX_BYTES + " bytes; a registration needs a few hundred");
    }

    private static RequestRejectedException unsupported(String message) {
        return new RequestRejectedException(415, "unsupported_media_type", "content-type", message);
    }
}
