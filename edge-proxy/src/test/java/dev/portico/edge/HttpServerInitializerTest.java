package dev.portico.edge;

import static dev.portico.edge.EmbeddedHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.edge.acme.AcmeChallengeHandler;
import dev.portico.edge.acme.ChallengeLookup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the port-80 pipeline treats connections: keep-alive, close, pipelining, limits and idleness. */
class HttpServerInitializerTest {
    private static final String DOMAIN = "shop.example.com";
    private static final Http01Challenge CHALLENGE = new Http01Challenge("Tk-" + "x".repeat(29),
            DomainName.ofTrusted(DOMAIN), "Tk-" + "x".repeat(29) + ".thumbprint");
    private static final String CHALLENGE_PATH = AcmeChallengeHandler.PATH_PREFIX + CHALLENGE.token();

    private final CountingChallengeStore store = new CountingChallengeStore(new ChallengeStore() {
        @Override
        public void put(Http01Challenge challenge, Duration ttl) {
        }

        @Override
        public Optional<String> answer(String token, String host) throws StoreException {
            return CHALLENGE.token().equals(token) && DOMAIN.equals(host)
                    ? Optional.of(CHALLENGE.keyAuthorization()) : Optional.empty();
        }

        @Override
        public void remove(String token) {
        }
    });
    private final Queue<Runnable> parked = new ArrayDeque<>();
    private EmbeddedHttp http = new EmbeddedHttp(new ChallengeLookup(store, Runnable::run, 4, Duration.ofSeconds(1)));

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void otherPathsGetASmall404() throws IOException {
        HttpResponseText response = http.exchange(get("/some/page?q=1", DOMAIN));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("not found\n");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain");
        assertThat(store.readCount()).isZero();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhileTheFirstWaitsForTheStore() throws IOException {
        http = new EmbeddedHttp(new ChallengeLookup(store, parked::add, 4, Duration.ofSeconds(30)));
        http.send(get(CHALLENGE_PATH, DOMAIN) + get("/other", DOMAIN) + get(CHALLENGE_PATH + "/..", DOMAIN));
        assertThat(http.drain()).as("nothing may overtake the answer the store still owes").isEmpty();

        parked.poll().run();
        ByteArrayInputStream written = new ByteArrayInputStream(http.drain().getBytes(StandardCharsets.ISO_8859_1));
        HttpResponseText first = HttpResponseText.read(written, false);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(CHALLENGE.keyAuthorization());
        assertThat(HttpResponseText.read(written, false).status()).isEqualTo(404);
        assertThat(HttpResponseText.read(written, false).status()).isEqualTo(404);
        assertThat(written.available()).isZero();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        for (int i = 0; i < 3; i++) {
            HttpResponseText response = http.exchange(get(CHALLENGE_PATH, DOMAIN));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isNull();
        }
        assertThat(http.isOpen()).isTrue();
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        HttpResponseText response = http.exchange(
                "GET " + CHALLENGE_PATH + " HTTP/1.1\r\nHost: " + DOMAIN + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(http.isOpen()).isFalse();
    }

    @Test
    void http10IsAnsweredInKind() throws IOException {
        HttpResponseText response = http.exchange(
                "GET " + CHALLENGE_PATH + " HTTP/1.0\r\nHost: " + DOMAIN + "\r\nConnection: keep-alive\r\n\r\n");
        assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("keep-alive");
        assertThat(http.isOpen()).isTrue();

        http.exchange("GET /x HTTP/1.0\r\nHost: " + DOMAIN + "\r\n\r\n");
        assertThat(http.isOpen()).as("HTTP/1.0 without keep-alive").isFalse();
    }

    @Test
    void tooLongRequestLineGets414AndTheConnectionCloses() throws IOException {
        HttpResponseText response = http.exchange(get(AcmeChallengeHandler.PATH_PREFIX + "a".repeat(4000), DOMAIN));
        assertThat(response.status()).isEqualTo(414);
        assertThat(http.isOpen()).isFalse();
        assertThat(store.readCount()).isZero();
    }

    @Test
    void tooLargeHeadersGet431AndTheConnectionCloses() throws IOException {
        HttpResponseText response = http.exchange("GET " + CHALLENGE_PATH + " HTTP/1.1\r\nHost: " + DOMAIN
                + "\r\nX-Junk: " + "j".repeat(9000) + "\r\n\r\n");
        assertThat(response.status()).isEqualTo(431);
        assertThat(http.isOpen()).isFalse();
        assertThat(store.readCount()).isZero();
    }

    @Test
    void aBodyBeyondThePort80LimitGets413() throws IOException {
        HttpResponseText response = http.exchange("POST " + CHALLENGE_PATH + " HTTP/1.1\r\nHost: " + DOMAIN
                + "\r\nContent-Length: 5000\r\n\r\n" + "b".repeat(5000));
        assertThat(response.status()).isEqualTo(413);
        assertThat(store.readCount()).isZero();
    }

    @Test
    void aSilentConnectionIsClosedAfterTheReadTimeout() throws IOException {
        http.exchange(get(CHALLENGE_PATH, DOMAIN));
        http.idleFor(Duration.ofSeconds(29));
        assertThat(http.isOpen()).isTrue();
        http.idleFor(Duration.ofSeconds(2));
        assertThat(http.isOpen()).as("closed after 30 s without a byte").isFalse();
    }
}
