package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests of the shapes used for request smuggling and header abuse, sent raw over TLS: each gets the stated status,
 * the connection is closed where its framing cannot be trusted, and none reaches the origin. A regression table: a
 * shape fixed once stays here.
 */
class EdgeHostileRequestsIT {
    private static final String HOST = "hostile.proxy.test";

    @TempDir
    static Path dir;

    private static SharedRedis redis;
    private static EdgeFixture edge;

    @BeforeAll
    static void start() throws Exception {
        redis = SharedRedis.open();
        edge = EdgeFixture.start(redis.store, dir);
        edge.sites.add(HOST, "tenant-a", edge.origin.url());
    }

    @AfterAll
    static void stop() {
        edge.close();
        redis.close();
    }

    static Stream<Arguments> shapes() {
        String head = "POST / HTTP/1.1\r\nHost: " + HOST + "\r\n";
        return Stream.of(
                Arguments.of("Content-Length with Transfer-Encoding",
                        head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding other than chunked",
                        head + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding twice",
                        head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("duplicate Content-Length",
                        head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
                Arguments.of("Content-Length not a number",
                        head + "Content-Length: +5\r\n\r\nhello", 400),
                Arguments.of("bad chunk size",
                        head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
                Arguments.of("space before the colon",
                        "GET / HTTP/1.1\r\nHost : " + HOST + "\r\n\r\n", 400),
                Arguments.of("bare LF line endings",
                        "GET / HTTP/1.1\nHost: " + HOST + "\n\n", 400),
                Arguments.of("two Host headers",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nHost: other.test\r\n\r\n", 400),
                Arguments.of("request line too long",
                        "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n", 414),
                Arguments.of("headers too large",
                        "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: " + "b".repeat(17000) + "\r\n\r\n", 431),
                Arguments.of("body over the limit announced",
                        head + "Content-Length: 999999999999\r\n\r\n", 413));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("shapes")
    void isRefusedBeforeTheOrigin(String shape, String raw, int status) throws Exception {
        int seenBefore = edge.origin.seen().size();
        try (TlsClient client = edge.connect(HOST)) {
            HttpResponseText response = client.exchange(raw);
            assertThat(response.status()).as(shape).isEqualTo(status);
        }
        assertThat(edge.origin.seen()).as("requests the origin received").hasSize(seenBefore);
    }

    /**
     * RFC 9112 section 5.2 lets a server either refuse an obs-fold or replace it with a space before forwarding; the
     * decoder does the latter, and since every header is written anew towards the origin, no fold ever reaches it.
     */
    @org.junit.jupiter.api.Test
    void anObsFoldIsUnfoldedAndNeverForwarded() throws Exception {
        int seenBefore = edge.origin.seen().size();
        try (TlsClient client = edge.connect(HOST)) {
            HttpResponseText response = client.exchange(
                    "GET /fold HTTP/1.1\r\nHost: " + HOST + "\r\nX-A: 1\r\n folded\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(edge.origin.seen()).hasSize(seenBefore + 1);
        assertThat(edge.origin.seen().get(seenBefore).headers().get("X-a")).containsExactly("1 folded");
    }
}
