package dev.portico.edge.acme;

import static dev.portico.edge.EmbeddedHttp.get;
import static dev.portico.edge.EmbeddedHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoreUnavailableException;
import dev.portico.edge.CountingChallengeStore;
import dev.portico.edge.EmbeddedHttp;
import dev.portico.edge.HttpResponseText;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Challenge requests through the whole port-80 pipeline ({@link EmbeddedHttp}), so what is tested is what the codec
 * really makes of hostile request lines, and every case says whether it may cost a store read.
 */
class AcmeChallengeHandlerTest {
    private static final String PREFIX = AcmeChallengeHandler.PATH_PREFIX;
    private static final String TOKEN = "AbC0_-" + "q".repeat(26);
    private static final String DOMAIN = "shop.example.com";
    private static final String KEY_AUTHORIZATION = TOKEN + ".nuFTxBPG1D8U3Gwg7FvmSJTJOaXkT8DQBbA1hbn9Bp8";

    /** The store's contract in a few lines: one token, answered for its own domain only. */
    private static class OneChallengeStore implements ChallengeStore {
        @Override
        public void put(Http01Challenge challenge, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> answer(String token, String host) throws StoreException {
            return TOKEN.equals(token) && DOMAIN.equals(host) ? Optional.of(KEY_AUTHORIZATION) : Optional.empty();
        }

        @Override
        public void remove(String token) {
            throw new UnsupportedOperationException();
        }
    }

    private final CountingChallengeStore store = new CountingChallengeStore(new OneChallengeStore());
    private final List<EmbeddedHttp> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedHttp::close);
    }

    /** A hostile request, what it must be answered, and whether answering it may cost a store read. */
    record Shape(String name, String request, int status, boolean readsStore) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("well-formed token", get(PREFIX + TOKEN, DOMAIN), 200, true),
                new Shape("Host with port (Pebble)", get(PREFIX + TOKEN, DOMAIN + ":5002"), 200, true),
                new Shape("upper-case Host", get(PREFIX + TOKEN, "SHOP.Example.COM"), 200, true),
                new Shape("Host with trailing dot", get(PREFIX + TOKEN, DOMAIN + "."), 200, true),
                new Shape("query string ignored", get(PREFIX + TOKEN + "?x=1", DOMAIN), 200, true),
                new Shape("HEAD", request("HEAD", PREFIX + TOKEN, DOMAIN), 200, true),
                new Shape("HTTP/1.0 with Host", "GET " + PREFIX + TOKEN + " HTTP/1.0\r\nHost: " + DOMAIN + "\r\n\r\n",
                        200, true),
                new Shape("wrong host", get(PREFIX + TOKEN, "other.example.com"), 404, true),
                new Shape("unknown token", get(PREFIX + "Z".repeat(32), DOMAIN), 404, true),
                new Shape("../ before the token", get(PREFIX + "../" + TOKEN, DOMAIN), 404, false),
                new Shape("../ escaping the prefix", get(PREFIX + "../../etc/passwd", DOMAIN), 404, false),
                new Shape("%2e%2e%2f", get(PREFIX + "%2e%2e%2f" + TOKEN, DOMAIN), 404, false),
                new Shape("%41 for a token character", get(PREFIX + "%41" + TOKEN.substring(1), DOMAIN), 404, false),
                new Shape("%00 in the token", get(PREFIX + TOKEN + "%00", DOMAIN), 404, false),
                new Shape("double slash before the token", get(PREFIX + "/" + TOKEN, DOMAIN), 404, false),
                new Shape("double slash in the prefix", get("/.well-known//acme-challenge/" + TOKEN, DOMAIN), 404,
                        false),
                new Shape("leading double slash", get("/" + PREFIX + TOKEN, DOMAIN), 404, false),
                new Shape("encoded slash in the prefix", get("/.well-known%2Facme-challenge/" + TOKEN, DOMAIN), 404,
                        false),
                new Shape("upper-case prefix", get("/.WELL-KNOWN/ACME-CHALLENGE/" + TOKEN, DOMAIN), 404, false),
                new Shape("backslash", get(PREFIX + "..\\" + TOKEN, DOMAIN), 404, false),
                new Shape("over-long token (200 chars)", get(PREFIX + "a".repeat(200), DOMAIN), 404, false),
                new Shape("too short token (21 chars)", get(PREFIX + "a".repeat(21), DOMAIN), 404, false),
                new Shape("'+' in the token", get(PREFIX + TOKEN.replace('q', '+'), DOMAIN), 404, false),
                new Shape("'/' in the token", get(PREFIX + TOKEN.substring(0, 10) + "/" + TOKEN.substring(11), DOMAIN),
                        404, false),
                new Shape("'=' padding", get(PREFIX + TOKEN + "=", DOMAIN), 404, false),
                new Shape("'.' in the token", get(PREFIX + TOKEN.replace('q', '.'), DOMAIN), 404, false),
                new Shape("the key authorization as token", get(PREFIX + KEY_AUTHORIZATION, DOMAIN), 404, false),
                new Shape("empty token", get(PREFIX, DOMAIN), 404, false),
                new Shape("trailing slash", get(PREFIX + TOKEN + "/", DOMAIN), 404, false),
                new Shape("fragment", get(PREFIX + TOKEN + "#x", DOMAIN), 404, false),
                new Shape("absolute-form target", get("http://" + DOMAIN + PREFIX + TOKEN, DOMAIN), 404, false),
                new Shape("IP literal Host", get(PREFIX + TOKEN, "127.0.0.1:80"), 404, false),
                new Shape("IPv6 literal Host", get(PREFIX + TOKEN, "[::1]:80"), 404, false),
                new Shape("missing Host", "GET " + PREFIX + TOKEN + " HTTP/1.1\r\n\r\n", 400, false),
                new Shape("missing Host on another path", "GET /index.html HTTP/1.1\r\n\r\n", 400, false),
                new Shape("HTTP/1.0 without Host", "GET " + PREFIX + TOKEN + " HTTP/1.0\r\n\r\n", 400, false),
                new Shape("empty Host", get(PREFIX + TOKEN, ""), 400, false),
                new Shape("two Host headers", "GET " + PREFIX + TOKEN + " HTTP/1.1\r\nHost: " + DOMAIN + "\r\nHost: "
                        + DOMAIN + "\r\n\r\n", 400, false),
                new Shape("percent-encoded Host", get(PREFIX + TOKEN, "%73hop.example.com"), 400, false),
                new Shape("Host with user info", get(PREFIX + TOKEN, "evil@" + DOMAIN), 400, false),
                new Shape("Host with a path", get(PREFIX + TOKEN, DOMAIN + "/x"), 400, false),
                new Shape("Host with a bad port", get(PREFIX + TOKEN, DOMAIN + ":http"), 400, false),
                new Shape("Host with empty label", get(PREFIX + TOKEN, "shop..example.com"), 400, false),
                new Shape("space in the target", get(PREFIX + "Ab C" + TOKEN, DOMAIN), 400, false),
                new Shape("POST", request("POST", PREFIX + TOKEN, DOMAIN), 405, false),
                new Shape("PUT", request("PUT", PREFIX + TOKEN, DOMAIN), 405, false),
                new Shape("DELETE with a junk token", request("DELETE", PREFIX + "../x", DOMAIN), 405, false),
                new Shape("other path", get("/", DOMAIN), 404, false),
                new Shape("robots.txt", get("/robots.txt", DOMAIN), 404, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void hostileShapesAreAnsweredWithoutNeedlessStoreReads(Shape shape) throws IOException {
        HttpResponseText response = defaultChannel().exchange(shape.request());
        assertThat(response.status()).as(shape.name()).isEqualTo(shape.status());
        assertThat(store.readCount()).as("store reads for " + shape.name()).isEqualTo(shape.readsStore() ? 1 : 0);
    }

    @Test
    void foundAnswerIsExactlyTheKeyAuthorizationAndNeverCached() throws IOException {
        HttpResponseText response = defaultChannel().exchange(get(PREFIX + TOKEN, "SHOP.Example.COM.:5002"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(KEY_AUTHORIZATION);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(KEY_AUTHORIZATION.length()));
        assertThat(store.reads()).containsExactly(new CountingChallengeStore.Read(TOKEN, DOMAIN));
    }

    @Test
    void headAnswersWithTheLengthButNoBody() throws IOException {
        EmbeddedHttp channel = defaultChannel();
        channel.send(request("HEAD", PREFIX + TOKEN, DOMAIN));
        String written = channel.drain();
        assertThat(written).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n")
                .contains("content-length: " + KEY_AUTHORIZATION.length()).doesNotContain(KEY_AUTHORIZATION);
    }

    @Test
    void otherMethodsOnTheChallengePathGet405WithAllow() throws IOException {
        HttpResponseText response = defaultChannel().exchange(request("POST", PREFIX + TOKEN, DOMAIN));
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void storeFailureGives503WithRetryAfter() throws IOException {
        ChallengeStore failing = new OneChallengeStore() {
            @Override
            public Optional<String> answer(String token, String host) throws StoreException {
                throw new StoreUnavailableException("127.0.0.1:1", Duration.ofMillis(3), new ConnectException("refused"));
            }
        };
        EmbeddedHttp channel = channel(new ChallengeLookup(failing, Runnable::run, 4, Duration.ofSeconds(1)));
        HttpResponseText response = channel.exchange(get(PREFIX + TOKEN, DOMAIN));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(channel.isOpen()).as("keep-alive after a 503").isTrue();
    }

    @Test
    void lookUpsBeyondTheBoundGet503AtOnceWithoutAStoreRead() throws IOException {
        Queue<Runnable> parked = new ArrayDeque<>();
        ChallengeLookup lookup = new ChallengeLookup(store, parked::add, 1, Duration.ofSeconds(30));
        EmbeddedHttp first = channel(lookup);
        first.send(get(PREFIX + TOKEN, DOMAIN));
        assertThat(first.drain()).as("first look-up still running").isEmpty();

        HttpResponseText second = channel(lookup).exchange(get(PREFIX + TOKEN, DOMAIN));
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.header("Retry-After")).isEqualTo("5");
        assertThat(parked).hasSize(1);

        parked.poll().run();
        assertThat(first.drain()).startsWith("HTTP/1.1 200 OK");
        assertThat(store.readCount()).isEqualTo(1);
        assertThat(lookup.availablePermits()).isEqualTo(1);
    }

    private EmbeddedHttp defaultChannel() {
        return channel(new ChallengeLookup(store, Runnable::run, 4, Duration.ofSeconds(1)));
    }

    private EmbeddedHttp channel(ChallengeLookup lookup) {
        EmbeddedHttp channel = new EmbeddedHttp(lookup);
        channels.add(channel);
        return channel;
    }
}
