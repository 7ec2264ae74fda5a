package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.store.redis.testing.SharedRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge cache on real sockets, counted at a real origin: fresh hits, bypasses, revalidation with 304, Vary,
 * tenants' hosts kept apart, stale-if-error with the origin gone, collapsed misses, purges.
 */
class EdgeCacheIT {
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

    private HttpResponseText get(String host, String path, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        try (TlsClient client = edge.connect(host)) {
            return client.exchange(raw.append("\r\n").toString());
        }
    }

    @Test
    void aFreshResponseIsServedFromTheCache() throws Exception {
        edge.sites.add("fresh.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("v1").with("Cache-Control", "max-age=60"));
        HttpResponseText miss = get("fresh.cache.test", "/page");
        edge.origin.respond(TestOrigin.Answer.text("v2").with("Cache-Control", "max-age=60"));
        HttpResponseText hit = get("fresh.cache.test", "/page");

        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo("v1");
        assertThat(hit.header("Age")).isNotNull();
        assertThat(edge.origin.seen()).hasSize(1);
        assertThat(get("fresh.cache.test", "/page?other=1").body()).as("the query is part of the key").isEqualTo("v2");
    }

    @Test
    void noStorePrivateAndCookiesAreNotStored() throws Exception {
        edge.sites.add("bypass.cache.test", "tenant-a", edge.origin.url());
        for (TestOrigin.Answer answer : List.of(
                TestOrigin.Answer.text("a").with("Cache-Control", "no-store, max-age=60"),
                TestOrigin.Answer.text("b").with("Cache-Control", "private, max-age=60"),
                TestOrigin.Answer.text("c").with("Cache-Control", "max-age=60").with("Set-Cookie", "s=1"))) {
            edge.origin.respond(answer);
            int before = edge.origin.seen().size();
            assertThat(get("bypass.cache.test", "/x").header("X-Cache")).isEqualTo("BYPASS");
            assertThat(get("bypass.cache.test", "/x").header("X-Cache")).isEqualTo("BYPASS");
            assertThat(edge.origin.seen()).hasSize(before + 2);
        }
        edge.origin.respond(TestOrigin.Answer.text("d").with("Cache-Control", "max-age=60"));
        get("bypass.cache.test", "/auth", "Authorization: Bearer t");
        get("bypass.cache.test", "/auth", "Authorization: Bearer t");
        assertThat(edge.origin.seen().stream().filter(s -> s.uri().equals("/auth"))).hasSize(2);
    }

    @Test
    void aStaleResponseIsRevalidatedWithItsEtag() throws Exception {
        edge.sites.add("etag.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("body").with("Cache-Control", "no-cache").with("ETag", "\"v1\""));
        assertThat(get("etag.cache.test", "/e").header("X-Cache")).isEqualTo("MISS");
        HttpResponseText second = get("etag.cache.test", "/e");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("body");
        assertThat(second.header("X-Cache")).isEqualTo("REVALIDATED");
        assertThat(edge.origin.seen()).hasSize(2);
        assertThat(edge.origin.seen().get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void aSuccessfulUnsafeRequestInvalidatesTheUrl() throws Exception {
        edge.sites.add("unsafe.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("v1").with("Cache-Control", "max-age=60"));
        get("unsafe.cache.test", "/item");
        assertThat(get("unsafe.cache.test", "/item").header("X-Cache")).isEqualTo("HIT");
        try (TlsClient client = edge.connect("unsafe.cache.test")) {
            assertThat(client.exchange("POST /item HTTP/1.1\r\nHost: unsafe.cache.test\r\nContent-Length: 1\r\n"
                    + "\r\nx").status()).isEqualTo(200);
        }
        assertThat(get("unsafe.cache.test", "/item").header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void aVisitorsOwnValidatorsGet304FromTheCache() throws Exception {
        edge.sites.add("inm.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("body").with("Cache-Control", "max-age=60").with("ETag", "\"e1\""));
        get("inm.cache.test", "/c");
        HttpResponseText notModified = get("inm.cache.test", "/c", "If-None-Match: W/\"e1\"");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo("\"e1\"");
        assertThat(get("inm.cache.test", "/c", "If-None-Match: \"other\"").status()).isEqualTo(200);
        assertThat(edge.origin.seen()).hasSize(1);
    }

    @Test
    void varyKeepsVariantsApart() throws Exception {
        edge.sites.add("vary.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("en").with("Cache-Control", "max-age=60")
                .with("Vary", "Accept-Language"));
        get("vary.cache.test", "/v", "Accept-Language: en");
        edge.origin.respond(TestOrigin.Answer.text("fr").with("Cache-Control", "max-age=60")
                .with("Vary", "Accept-Language"));
        assertThat(get("vary.cache.test", "/v", "Accept-Language: fr").body()).isEqualTo("fr");
        assertThat(get("vary.cache.test", "/v", "Accept-Language: en").body()).isEqualTo("en");
        assertThat(get("vary.cache.test", "/v", "Accept-Language: fr").header("X-Cache")).isEqualTo("HIT");
        assertThat(edge.origin.seen()).hasSize(2);
    }

    @Test
    void oneTenantsEntriesNeverAnswerAnotherHost() throws Exception {
        edge.sites.add("a.cache.test", "tenant-a", edge.origin.url());
        edge.sites.add("b.cache.test", "tenant-b", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("A").with("Cache-Control", "max-age=60"));
        get("a.cache.test", "/same");
        edge.origin.respond(TestOrigin.Answer.text("B").with("Cache-Control", "max-age=60"));
        assertThat(get("b.cache.test", "/same").body()).isEqualTo("B");
        assertThat(get("a.cache.test", "/same").body()).isEqualTo("A");
    }

    @Test
    void staleIfErrorServesWhatIsCachedWhileTheOriginIsDown() throws Exception {
        edge.sites.add("sie.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("kept").with("Cache-Control", "max-age=1, stale-if-error=60"));
        get("sie.cache.test", "/s");
        Thread.sleep(1_100);
        edge.origin.close();
        HttpResponseText stale = get("sie.cache.test", "/s");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("kept");
        assertThat(stale.header("X-Cache")).isEqualTo("STALE");
    }

    @Test
    void concurrentMissesForOneUrlMakeOneOriginRequest() throws Exception {
        edge.sites.add("herd.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("once").with("Cache-Control", "max-age=60").delayed(500));
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<HttpResponseText>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(clients.submit(() -> get("herd.cache.test", "/herd")));
        }
        for (Future<HttpResponseText> answer : answers) {
            assertThat(answer.get().body()).isEqualTo("once");
        }
        clients.shutdown();
        assertThat(edge.origin.seen()).as("origin requests for 10 concurrent misses").hasSize(1);
    }

    @Test
    void purgesRemoveByHostUrlAndPrefix() throws Exception {
        edge.sites.add("purge.cache.test", "tenant-a", edge.origin.url());
        edge.origin.respond(TestOrigin.Answer.text("x").with("Cache-Control", "max-age=60")
                .with("Surrogate-Key", "product-1 all"));
        for (String path : List.of("/a", "/b/1", "/b/2")) {
            get("purge.cache.test", path);
        }
        var cache = edge.server.responseCache().orElseThrow().store();
        assertThat(cache.purgeUrl("purge.cache.test", "/a")).isEqualTo(1);
        assertThat(cache.purgeUrl("purge.cache.test", "/a")).as("idempotent").isZero();
        assertThat(cache.purgePrefix("purge.cache.test", "/b/")).isEqualTo(2);
        get("purge.cache.test", "/a");
        assertThat(cache.purgeTag("tenant-b", "all")).as("another tenant's tag").isZero();
        assertThat(cache.purgeTag("tenant-a", "all")).isEqualTo(1);
        assertThat(get("purge.cache.test", "/a").header("X-Cache")).isEqualTo("MISS");
        assertThat(cache.purgeHost("purge.cache.test")).isEqualTo(1);
    }
}
