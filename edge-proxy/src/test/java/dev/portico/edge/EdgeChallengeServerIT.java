package dev.portico.edge;

import static dev.portico.edge.RawHttp.bytes;
import static dev.portico.edge.RawHttp.connect;
import static dev.portico.edge.RawHttp.get;
import static dev.portico.edge.RawHttp.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.edge.acme.AcmeChallengeHandler;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port-80 server on real sockets against the Redis of {@code local/services}, under a key prefix of this test's
 * own. Requests go out as raw bytes where the JDK's client would not send them (hostile request lines), and through
 * {@link HttpClient} once, to show a real client gets the answer. Outages are in {@link EdgeStoreOutageIT}, a flood
 * of junk in {@link EdgeChallengeFloodIT}.
 */
class EdgeChallengeServerIT {
    static {
        // The JDK's client refuses to set Host unless told to; it reads this once, when first used.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final String PREFIX = AcmeChallengeHandler.PATH_PREFIX;
    private static final Path ACCESS_LOG = Path.of("target/access-log-test.jsonl");

    private LiveChallengeServer edge;

    @BeforeEach
    void startServer() throws Exception {
        edge = LiveChallengeServer.start();
    }

    @AfterEach
    void stopServerAndDeleteKeys() {
        edge.close();
    }

    @Test
    void aRealClientGetsTheKeyAuthorization() throws Exception {
        Http01Challenge challenge = putChallenge(Duration.ofMinutes(1));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + edge.port + PREFIX + challenge.token()))
                .header("Host", challenge.domain().ascii() + ":5002")
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(challenge.keyAuthorization());
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().firstValue("cache-control")).contains("no-store");
        assertThat(edge.challenges.reads()).containsExactly(
                new CountingChallengeStore.Read(challenge.token(), challenge.domain().ascii()));

        JsonNode logged = accessLogLineFor(challenge.token());
        assertThat(logged.get("status").asInt()).isEqualTo(200);
        assertThat(logged.get("method").asText()).isEqualTo("GET");
        assertThat(logged.get("host").asText()).isEqualTo(challenge.domain().ascii() + ":5002");
        assertThat(logged.get("remote").asText()).isEqualTo("127.0.0.1");
        assertThat(logged.get("duration_ms").isNumber()).isTrue();
    }

    @Test
    void answersLikePebbleAsksAndOnlyForTheTokensDomain() throws Exception {
        Http01Challenge challenge = putChallenge(Duration.ofMinutes(1));
        String upper = challenge.domain().ascii().toUpperCase(Locale.ROOT);
        HttpResponseText found = exchange(get(PREFIX + challenge.token(), upper + ":5002"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).isEqualTo(challenge.keyAuthorization());

        assertThat(exchange(get(PREFIX + challenge.token(), "other-" + challenge.domain().ascii())).status())
                .isEqualTo(404);
        assertThat(exchange(get(PREFIX + token(), challenge.domain().ascii())).status()).isEqualTo(404);
        assertThat(exchange(get(PREFIX + "../" + challenge.token(), challenge.domain().ascii())).status())
                .isEqualTo(404);
        assertThat(edge.challenges.readCount()).as("the traversal attempt is not a store read").isEqualTo(3);
    }

    @Test
    void anExpiredAnswerIsGone() throws Exception {
        Http01Challenge challenge = putChallenge(Duration.ofMillis(700));
        String request = get(PREFIX + challenge.token(), challenge.domain().ascii());
        assertThat(exchange(request).status()).isEqualTo(200);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            Thread.sleep(100);
            status = exchange(request).status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("status after the TTL ran out").isEqualTo(404);
    }

    @Test
    void theNioTransportAnswersTheSame() throws Exception {
        Http01Challenge challenge = putChallenge(Duration.ofMinutes(1));
        EdgeProxyServer nio = new EdgeProxyServer(EdgeProxyConfig.defaults().withListener(RawHttp.LOOPBACK, 0),
                EdgeSources.challengesOnly(edge.challenges), Transport.nio());
        try (nio) {
            HttpResponseText response = RawHttp.exchange(nio.start().http(),
                    get(PREFIX + challenge.token(), challenge.domain().ascii()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(challenge.keyAuthorization());
        }
    }

    @Test
    void keepAliveAndConnectionCloseAreHonoured() throws Exception {
        Http01Challenge challenge = putChallenge(Duration.ofMinutes(1));
        try (Socket socket = connect(edge.port)) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write(bytes(get(PREFIX + challenge.token(), challenge.domain().ascii())));
                HttpResponseText response = HttpResponseText.read(in, false);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Connection")).isNull();
            }
            socket.getOutputStream().write(bytes("GET " + PREFIX + challenge.token() + " HTTP/1.1\r\nHost: "
                    + challenge.domain().ascii() + "\r\nConnection: close\r\n\r\n"));
            HttpResponseText last = HttpResponseText.read(in, false);
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(in.read()).as("server closed the connection").isEqualTo(-1);
        }
    }

    private Http01Challenge putChallenge(Duration ttl) throws StoreException {
        return edge.putChallenge(ttl);
    }

    private HttpResponseText exchange(String request) throws IOException {
        return RawHttp.exchange(edge.port, request);
    }

    private static JsonNode accessLogLineFor(String token) throws IOException {
        for (String line : Files.readAllLines(ACCESS_LOG)) {
            if (line.contains(token)) {
                return new ObjectMapper().readTree(line);
            }
        }
        throw new AssertionError("no access log line for " + token + " in " + ACCESS_LOG.toAbsolutePath());
    }
}
