package dev.portico.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.edge.cache.Storability.Verdict;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cache rules as tables: directives parsed, lifetimes computed, storability decided. */
class CacheRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static Stream<Arguments> directives() {
        return Stream.of(
                Arguments.of("max-age=60", "maxAge", Optional.of(Duration.ofSeconds(60))),
                Arguments.of("MAX-AGE=60", "maxAge", Optional.of(Duration.ofSeconds(60))),
                Arguments.of("max-age=\"60\"", "maxAge", Optional.of(Duration.ofSeconds(60))),
                Arguments.of("max-age=-1", "maxAge", Optional.empty()),
                Arguments.of("max-age=6x", "maxAge", Optional.empty()),
                Arguments.of("max-age=10, max-age=20", "maxAge", Optional.of(Duration.ofSeconds(10))),
                Arguments.of("max-age=99999999999999", "maxAge", Optional.of(Duration.ofSeconds(Integer.MAX_VALUE))),
                Arguments.of("public, s-maxage=30", "sMaxAge", Optional.of(Duration.ofSeconds(30))),
                Arguments.of("no-store", "noStore", true),
                Arguments.of("no-cache", "noCache", true),
                Arguments.of("no-cache=\"Set-Cookie, X-A\"", "noCache", false),
                Arguments.of("private", "isPrivate", true),
                Arguments.of("private=\"X-A\"", "isPrivate", false),
                Arguments.of("stale-while-revalidate=5", "staleWhileRevalidate", Optional.of(Duration.ofSeconds(5))),
                Arguments.of("stale-if-error=300", "staleIfError", Optional.of(Duration.ofSeconds(300))),
                Arguments.of("must-revalidate", "mustRevalidate", true),
                Arguments.of(" , ,public,, ", "isPublic", true));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("directives")
    void directivesAreParsed(String header, String field, Object expected) throws Exception {
        CacheControl cc = CacheControl.parse(List.of(header));
        assertThat(CacheControl.class.getMethod(field).invoke(cc)).isEqualTo(expected);
    }

    static Stream<Arguments> lifetimes() {
        return Stream.of(
                Arguments.of(200, h("Cache-Control", "max-age=60", "Date", date(NOW)), 60L),
                Arguments.of(200, h("Cache-Control", "max-age=60, s-maxage=10", "Date", date(NOW)), 10L),
                Arguments.of(200, h("Expires", date(NOW.plusSeconds(120)), "Date", date(NOW)), 120L),
                Arguments.of(200, h("Expires", date(NOW.minusSeconds(120)), "Date", date(NOW)), 0L),
                Arguments.of(200, h("Expires", "0", "Date", date(NOW)), 0L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Expires", "0"), 60L),
                Arguments.of(200, h("Last-Modified", date(NOW.minusSeconds(1000)), "Date", date(NOW)), 100L),
                Arguments.of(200, h("Last-Modified", date(NOW.minus(Duration.ofDays(100))), "Date", date(NOW)),
                        86_400L),
                Arguments.of(302, h("Last-Modified", date(NOW.minusSeconds(1000)), "Date", date(NOW)), 0L),
                Arguments.of(200, h("Date", date(NOW)), 0L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Age", "7200, 0"), 0L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Age", "0, 0"), 0L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Age", "0", "Age", "0"), 0L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Age", "7200;foo=bar"), 0L),
                Arguments.of(200, h("Cache-Control", "no-store", "Surrogate-Control", "max-age=90"), 90L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Surrogate-Control", "max-age=90;portico"), 90L),
                Arguments.of(200, h("Cache-Control", "max-age=60", "Surrogate-Control", "max-age=90;akamai"), 60L));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} s")
    @MethodSource("lifetimes")
    void freshnessLifetime(int status, HttpHeaders headers, long seconds) {
        assertThat(Freshness.lifetime(ResponseMeta.of(status, headers))).isEqualTo(Duration.ofSeconds(seconds));
    }

    static Stream<Arguments> ages() {
        // requested at NOW-10, answered at NOW-8; now NOW
        return Stream.of(
                Arguments.of(h("Date", date(NOW.minusSeconds(8)), "Age", "0,7200"), 10L),
                Arguments.of(h("Date", date(NOW.minusSeconds(8)), "Age", "100,0"), 110L),
                Arguments.of(h("Date", date(NOW.minusSeconds(8))), 10L),
                Arguments.of(h("Date", date(NOW.minusSeconds(8)), "Age", "100"), 110L),
                Arguments.of(h("Date", date(NOW.minusSeconds(60))), 60L),
                Arguments.of(h("Date", date(NOW.plusSeconds(60))), 10L),
                Arguments.of(h(), 10L));
    }

    @ParameterizedTest(name = "{0} -> age {1} s")
    @MethodSource("ages")
    void currentAge(HttpHeaders headers, long seconds) {
        assertThat(Freshness.currentAge(ResponseMeta.of(200, headers), NOW.minusSeconds(10), NOW.minusSeconds(8), NOW))
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    static Stream<Arguments> storability() {
        String fresh = "max-age=60";
        return Stream.of(
                Arguments.of("GET", "", false, 200, h("Cache-Control", fresh), Verdict.STORE),
                Arguments.of("POST", "", false, 200, h("Cache-Control", fresh), Verdict.METHOD),
                Arguments.of("HEAD", "", false, 200, h("Cache-Control", fresh), Verdict.METHOD),
                Arguments.of("GET", "no-store", false, 200, h("Cache-Control", fresh), Verdict.REQUEST_NO_STORE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "no-store, max-age=60"), Verdict.NO_STORE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "private, max-age=60"), Verdict.PRIVATE),
                Arguments.of("GET", "", true, 200, h("Cache-Control", fresh), Verdict.AUTHORIZATION),
                Arguments.of("GET", "", true, 200, h("Cache-Control", "public, max-age=60"), Verdict.STORE),
                Arguments.of("GET", "", true, 200, h("Cache-Control", "s-maxage=60"), Verdict.STORE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", fresh, "Set-Cookie", "a=1"), Verdict.SET_COOKIE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "public, max-age=60", "Set-Cookie", "a=1"),
                        Verdict.STORE),
                Arguments.of("GET", "", false, 206, h("Cache-Control", fresh), Verdict.STATUS),
                Arguments.of("GET", "", false, 200, h("Cache-Control", fresh, "Vary", "*"), Verdict.VARY_ALL),
                Arguments.of("GET", "", false, 302, h(), Verdict.NO_LIFETIME),
                Arguments.of("GET", "", false, 302, h("Cache-Control", fresh), Verdict.STORE),
                Arguments.of("GET", "", false, 404, h(), Verdict.NO_LIFETIME),
                Arguments.of("GET", "", false, 404, h("Last-Modified", date(NOW.minusSeconds(1000)), "Date",
                        date(NOW)), Verdict.STORE),
                Arguments.of("GET", "", false, 500, h(), Verdict.NO_LIFETIME),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "no-cache"), Verdict.NO_LIFETIME),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "no-cache", "ETag", "\"v1\""), Verdict.STORE),
                Arguments.of("GET", "", false, 599, h("Cache-Control", "max-age=60, must-understand"),
                        Verdict.NOT_UNDERSTOOD),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "max-age=60, must-understand, no-store"),
                        Verdict.STORE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "no-store", "Surrogate-Control", "max-age=60"),
                        Verdict.STORE),
                Arguments.of("GET", "", false, 200, h("Cache-Control", "max-age=60", "Surrogate-Control", "no-store"),
                        Verdict.NO_STORE));
    }

    @ParameterizedTest(name = "{0} req[{1}] auth={2} -> {3} {4}: {5}")
    @MethodSource("storability")
    void storable(String method, String requestCc, boolean authorization, int status, HttpHeaders headers,
            Verdict expected) {
        CacheControl request = CacheControl.parse(requestCc.isEmpty() ? List.of() : List.of(requestCc));
        assertThat(Storability.decide(method, request, authorization, ResponseMeta.of(status, headers)))
                .isEqualTo(expected);
    }

    private static HttpHeaders h(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static String date(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }
}
