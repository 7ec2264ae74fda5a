package dev.portico.edge.proxy;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.Optional;

/**
 * Requests refused before anything is forwarded, with the connection closed after the answer because their framing
 * cannot be trusted: what the decoder could not parse, and the shapes used for request smuggling (RFC 9112 sections
 * 6.1 and 6.3): Content-Length together with Transfer-Encoding, a Transfer-Encoding other than a final "chunked",
 * more than one Content-Length.
 */
final class RequestChecks {
    /** Why a request is refused, and with which status. */
    record Refusal(HttpResponseStatus status, String message) {
    }

    private RequestChecks() {
    }

    static Optional<Refusal> refusal(HttpRequest request, long maxBody) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return refuse(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return refuse(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request headers are too large");
            }
            return refuse(HttpResponseStatus.BAD_REQUEST, "the request is malformed: " + cause.getMessage());
        }
        List<String> transferEncodings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> contentLengths = request.headers().getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!transferEncodings.isEmpty() && !contentLengths.isEmpty()) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "Content-Length and Transfer-Encoding together");
        }
        if (!transferEncodings.isEmpty() && !isPlainChunked(transferEncodings)) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "Transfer-Encoding must be exactly \"chunked\"");
        }
        if (contentLengths.size() > 1) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "more than one Content-Length");
        }
        if (contentLengths.size() == 1) {
            long length = parseLength(contentLengths.get(0));
            if (length < 0) {
                return refuse(HttpResponseStatus.BAD_REQUEST, "Content-Length is not a number");
            }
            if (length > maxBody) {
                return refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than "
                        + maxBody + " bytes");
            }
        }
        return Optional.empty();
    }

    private static boolean isPlainChunked(List<String> values) {
        return values.size() == 1 && HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(values.get(0).strip());
    }

    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(value);
    }

    private static Optional<Refusal> refuse(HttpResponseStatus status, String message) {
        return Optional.of(new Refusal(status, message + "\n"));
    }
}
