package dev.portico.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.route.Route;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OriginRequestsTest {
    private static final Route ROUTE = new Route("shop.example.com", "t", URI.create("http://origin.internal:8080"),
            true);
    private static final OriginKey ORIGIN = OriginKey.of(ROUTE);

    @Test
    void aBodilessHttp11RequestStaysBodiless() {
        HttpRequest get = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        HttpRequest forwarded = OriginRequests.toOrigin(get, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1");
        assertThat(forwarded.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)).isFalse();
        assertThat(forwarded.headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
    }

    @Test
    void aChunkedUploadGoesOnChunkedAndALengthIsKept() {
        HttpRequest chunked = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up");
        chunked.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        assertThat(OriginRequests.toOrigin(chunked, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1").headers()
                .get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");

        HttpRequest sized = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up");
        sized.headers().set(HttpHeaderNames.CONTENT_LENGTH, "5");
        HttpRequest forwarded = OriginRequests.toOrigin(sized, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1");
        assertThat(forwarded.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("5");
        assertThat(forwarded.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)).isFalse();
    }

    @Test
    void anHttp2RequestWithABodyOfUnknownLengthGoesOnChunked() {
        HttpRequest h2 = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up");
        h2.headers().set(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text(), "3");
        HttpRequest forwarded = OriginRequests.toOrigin(h2, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1");
        assertThat(forwarded.headers().get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(forwarded.headers().contains(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text())).isFalse();
    }

    @Test
    void aWholeRequestIsSentWithItsLength() {
        FullHttpRequest full = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/form",
                Unpooled.copiedBuffer("a=1", StandardCharsets.US_ASCII));
        HttpRequest forwarded = OriginRequests.toOrigin(full, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1");
        assertThat(forwarded.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("3");
        ((FullHttpRequest) forwarded).release();
        full.release();
    }

    @Test
    void hopByHopHeadersStayAndForwardingHeadersAreSet() {
        HttpRequest get = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a?b=1");
        get.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, X-Private").set("X-Private", "1")
                .set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.TE, "trailers")
                .set("X-Forwarded-For", "203.0.113.1").set(HttpHeaderNames.HOST, "shop.example.com");
        HttpRequest forwarded = OriginRequests.toOrigin(get, ROUTE, ORIGIN, "shop.example.com", "192.0.2.1");
        assertThat(forwarded.headers().names()).doesNotContain("X-Private", "Connection", "Upgrade", "TE");
        assertThat(forwarded.headers().get(HttpHeaderNames.HOST)).isEqualTo("origin.internal:8080");
        assertThat(forwarded.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.1, 192.0.2.1");
        assertThat(forwarded.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(forwarded.headers().get("X-Forwarded-Host")).isEqualTo("shop.example.com");
        assertThat(forwarded.uri()).isEqualTo("/a?b=1");
    }
}
