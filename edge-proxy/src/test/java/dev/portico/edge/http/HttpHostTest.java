package dev.portico.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpHostTest {
    @ParameterizedTest(name = "{0} -> {1} port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            shop.example.com           | shop.example.com | -1
            shop.example.com:5002      | shop.example.com | 5002
            SHOP.Example.COM           | shop.example.com | -1
            shop.example.com.          | shop.example.com | -1
            shop.example.com.:80       | shop.example.com | 80
            shop.example.com:          | shop.example.com | -1
            xn--bcher-kva.example      | xn--bcher-kva.example | -1
            _acme.example.com          | _acme.example.com | -1
            127.0.0.1:8080             | 127.0.0.1        | 8080
            [::1]                      | [::1]            | -1
            [2001:DB8::1]:443          | [2001:db8::1]    | 443
            localhost                  | localhost        | -1
            """)
    void validHostsAreNormalized(String header, String name, int port) {
        assertThat(HttpHost.parse(header)).contains(new HttpHost(name, port));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", ".", "..", "shop..example.com", ".shop.example.com", "shop.example.com..",
            "shop example.com", "shop.example.com:http", "shop.example.com:65536", "shop.example.com:123456",
            "shop.example.com:80:80", "evil@shop.example.com", "shop.example.com/x", "%73hop.example.com",
            "shop.example.com\t", "bücher.example", "[::1", "[::1]x", "[zz::1]", "[]", "::1", "a\u0000b"})
    void invalidHostsAreRefused(String header) {
        assertThat(HttpHost.parse(header)).isEmpty();
    }

    @Test
    void overLongNamesAndLabelsAreRefused() {
        assertThat(HttpHost.parse("a".repeat(63) + ".example.com")).isPresent();
        assertThat(HttpHost.parse("a".repeat(64) + ".example.com")).isEmpty();
        String name253 = ("a".repeat(49) + ".").repeat(5) + "abc";
        assertThat(name253).hasSize(253);
        assertThat(HttpHost.parse(name253)).isPresent();
        assertThat(HttpHost.parse(name253 + "d")).isEmpty();
        assertThat(HttpHost.parse("a.".repeat(400))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is an IP literal: {1}")
    @CsvSource({"127.0.0.1, true", "[::1], true", "10.0.0.1:80, true", "shop.example.com, false", "1e100.net, false",
            "localhost, false", "123, true"})
    void ipLiteralsAreRecognized(String header, boolean ip) {
        assertThat(HttpHost.parse(header).map(HttpHost::isIpLiteral)).contains(ip);
    }

    @Test
    void aRequestNeedsExactlyOneHostHeader() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThat(HttpHost.of(request)).isEmpty();
        request.headers().add("Host", "shop.example.com");
        assertThat(HttpHost.of(request)).contains(new HttpHost("shop.example.com", -1));
        request.headers().add("Host", "shop.example.com");
        assertThat(HttpHost.of(request)).isEqualTo(Optional.empty());
    }
}
