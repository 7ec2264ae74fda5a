package dev.portico.edge.proxy;

import dev.portico.edge.cache.ResponseMeta;
import dev.portico.edge.route.Route;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.util.List;

/**
 * The request the origin receives for a visitor's request: hop-by-hop headers dropped (RFC 9110 section 7.6.1), the
 * origin's own Host, and who asked in {@code X-Forwarded-For/-Proto/-Host}. Always HTTP/1.1 with keep-alive, whatever
 * the visitor spoke, so origin connections are reused.
 */
final class OriginRequests {
    /** Never forwarded: they describe one hop, or (Expect) were answered by the edge itself. */
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE, HttpHeaderNames.EXPECT, HttpHeaderNames.PROXY_AUTHORIZATION);

    private OriginRequests() {
    }

    /**
     * @param visitorHost the normalized Host the visitor asked for
     * @param clientIp    the visitor's address (from PROXY protocol when enabled)
     */
    static HttpRequest toOrigin(HttpRequest visitor, Route route, OriginKey origin, String visitorHost,
            String clientIp) {
        HttpHeaders headers = visitor.headers().copy();
        // Before the extension headers go: an HTTP/2 request's body length is unknown unless it says so, while an
        // HTTP/1.1 request without Content-Length or chunked framing has no body at all (RFC 9112 section 6.3).
        boolean http2 = headers.contains(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
        boolean chunked = HttpUtil.isTransferEncodingChunked(visitor);
        stripHopByHop(headers);
        headers.set(HttpHeaderNames.HOST, origin.hostHeader());
        // Edge Architecture 1.0: origins may address Surrogate-Control directives to us.
        headers.add("surrogate-capability", ResponseMeta.SURROGATE_TOKEN + "=\"Surrogate/1.0\"");
        headers.set("x-forwarded-host", visitorHost);
        headers.set("x-forwarded-proto", "https");
        String earlier = headers.get("x-forwarded-for");
        headers.set("x-forwarded-for", earlier == null || earlier.isBlank() ? clientIp : earlier + ", " + clientIp);
        String uri = originPath(route, visitor.uri());
        if (visitor instanceof FullHttpRequest full) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            if (full.content().isReadable() || HttpUtil.isContentLengthSet(visitor)) {
                headers.setInt(HttpHeaderNames.CONTENT_LENGTH, full.content().readableBytes());
            }
            return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, visitor.method(), uri, full.content().retain(),
                    headers, full.trailingHeaders().copy());
        }
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) && (chunked || http2)) {
            // A body of unknown length goes on chunked.
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, visitor.method(), uri, headers);
    }

    /** The origin's base path, if its URL has one, before the visitor's path. */
    static String originPath(Route route, String visitorUri) {
        String base = route.origin().getRawPath();
        String path = visitorUri.startsWith("/") ? visitorUri : "/" + visitorUri;
        if (base == null || base.isEmpty() || base.equals("/")) {
            return path;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** Also for responses going back to the visitor. */
    static void stripHopByHop(HttpHeaders headers) {
        for (String listed : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    headers.remove(name.strip());
                }
            }
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
        for (HttpConversionUtil.ExtensionHeaderNames h2 : HttpConversionUtil.ExtensionHeaderNames.values()) {
            headers.remove(h2.text());
        }
    }
}
