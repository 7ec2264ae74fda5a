package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.store.redis.testing.SharedRedis;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxying on real sockets: a visitor's request over TLS reaches the domain's origin with the forwarding headers, and
 * the answer comes back, over HTTP/1.1 and HTTP/2; the TLS name and Host must agree; port 80 redirects; an origin
 * that is down or silent gets 502 or 504.
 */
class EdgeProxyIT {
    @TempDir
    Path dir;

    private SharedRedis redis;
    private EdgeFixture edge;

    @BeforeEach
    void start() throws Exception {
        redis = SharedRedis.open();
        edge = EdgeFixture.start(redis.store, dir);
    }

    @AfterEach
    void stop() {
        edge.close();
        redis.close();
    }

    @Test
    void aRequestReachesTheDomainsOriginWithForwardingHeaders() throws Exception {
        edge.sites.add("shop.proxy.test", "tenant-a", edge.origin.url() + "/base");
        edge.origin.respond(TestOrigin.Answer.text("the shop\n"));
        try (TlsClient client = edge.connect("shop.proxy.test")) {
            HttpResponseText response = client.exchange("GET /cart?item=1 HTTP/1.1\r\nHost: shop.proxy.test\r\n"
                    + "Connection: keep-alive, X-Secret\r\nX-Secret: hop\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("the shop\n");
            HttpResponseText again = client.get("shop.proxy.test", "/second");
            assertThat(again.status()).as("the connection stays usable").isEqualTo(200);
        }
        TestOrigin.Seen seen = edge.origin.seen().get(0);
        assertThat(seen.uri()).isEqualTo("/base/cart?item=1");
        assertThat(seen.header("Host")).isEqualTo(edge.origin.url().substring("http://".length()));
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("shop.proxy.test");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.header("X-Secret")).as("named in Connection: hop-by-hop").isNull();
    }

    @Test
    void http2AndHttp11BothProxy() throws Exception {
        edge.sites.add("h2.proxy.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("over any version\n"));
        Path roots = dir.resolve("roots.pem");
        Files.writeString(roots, edge.ca.pem());

        Curl.Result h2 = Curl.get("h2.proxy.test", edge.ports.https(), roots, "/a", "--http2");
        Curl.Result h1 = Curl.get("h2.proxy.test", edge.ports.https(), roots, "/b", "--http1.1");

        assertThat(h2).isEqualTo(new Curl.Result(200, "2", "over any version\n"));
        assertThat(h1).isEqualTo(new Curl.Result(200, "1.1", "over any version\n"));
        assertThat(edge.origin.seen()).extracting(TestOrigin.Seen::uri).containsExactly("/a", "/b");
    }

    @Test
    void anOriginNamedByHostNameIsResolvedAndReached() throws Exception {
        String port = edge.origin.url().substring(edge.origin.url().lastIndexOf(':') + 1);
        edge.sites.add("named.proxy.test", "tenant-a", "http://localhost:" + port);
        try (TlsClient client = edge.connect("named.proxy.test")) {
            assertThat(client.get("named.proxy.test", "/by-name").status()).isEqualTo(200);
        }
        assertThat(edge.origin.seen().get(0).header("Host")).isEqualTo("localhost:" + port);
    }

    @Test
    void aLargeUploadStreamsToTheOriginIntact() throws Exception {
        edge.sites.add("upload.proxy.test", "tenant-a", edge.origin.url());
        byte[] body = new byte[3 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (TlsClient client = edge.connect("upload.proxy.test")) {
            HttpResponseText response = client.exchange("POST /upload HTTP/1.1\r\nHost: upload.proxy.test\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(edge.origin.seen().get(0).body()).isEqualTo(body);
    }

    @Test
    void theHostMustBeTheNameTheConnectionWasOpenedFor() throws Exception {
        edge.sites.add("a.proxy.test", "tenant-a", edge.origin.url());
        edge.sites.add("b.proxy.test", "tenant-b", edge.origin.url());
        try (TlsClient client = edge.connect("a.proxy.test")) {
            HttpResponseText response = client.get("b.proxy.test", "/");
            assertThat(response.status()).isEqualTo(421);
            assertThat(response.body()).contains("opened for a.proxy.test, not b.proxy.test");
            assertThat(client.get("a.proxy.test", "/").status()).as("the connection stays usable").isEqualTo(200);
        }
        assertThat(edge.origin.seen()).hasSize(1);
    }

    @Test
    void port80RedirectsRegisteredNamesToHttps() throws Exception {
        edge.sites.add("plain.proxy.test", "tenant-a", edge.origin.url());
        HttpResponseText redirect = RawHttp.exchange(edge.ports.http(),
                "POST /form?x=1 HTTP/1.1\r\nHost: plain.proxy.test\r\nContent-Length: 0\r\n\r\n");
        assertThat(redirect.status()).isEqualTo(308);
        assertThat(redirect.header("Location"))
                .isEqualTo("https://plain.proxy.test:" + edge.ports.https() + "/form?x=1");
        HttpResponseText unknown = RawHttp.exchange(edge.ports.http(), EmbeddedHttp.get("/", "other.proxy.test"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void anOriginThatIsDownGets502AndOneThatIsSilentGets504() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        edge.sites.add("down.proxy.test", "tenant-a", "http://127.0.0.1:" + closed);
        try (TlsClient client = edge.connect("down.proxy.test")) {
            HttpResponseText response = client.get("down.proxy.test", "/");
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.body()).contains("origin cannot be reached");
        }
        try (SilentServer silent = new SilentServer()) {
            edge.sites.add("silent.proxy.test", "tenant-a", "http://127.0.0.1:" + silent.port());
            long start = System.nanoTime();
            try (TlsClient client = edge.connect("silent.proxy.test")) {
                HttpResponseText response = client.get("silent.proxy.test", "/");
                assertThat(response.status()).isEqualTo(504);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms, response timeout 2 s").isBetween(1500L, 4000L);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        edge.sites.add("pipe.proxy.test", "tenant-a", edge.origin.url());
        try (TlsClient client = edge.connect("pipe.proxy.test")) {
            String two = "GET /one HTTP/1.1\r\nHost: pipe.proxy.test\r\n\r\n"
                    + "GET /two HTTP/1.1\r\nHost: pipe.proxy.test\r\n\r\n";
            HttpResponseText first = client.exchange(two);
            HttpResponseText second = client.read(false);
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
        }
        assertThat(edge.origin.seen()).extracting(TestOrigin.Seen::uri).containsExactly("/one", "/two");
    }
}
