package dev.portico.functions.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEvent.PurgeScope;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.store.StoreException;
import dev.portico.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The purge decisions over an in-memory store and publisher: what is refused, and exactly what is published. */
class PurgeServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T18:05:00.125Z");
    private static final String LONG_PATH = "/" + "a".repeat(PurgeRequest.MAX_PATH_LENGTH - 1);
    private static final String LONG_TAG = "t".repeat(PurgeRequest.MAX_TAG_LENGTH);

    private final MutableClock clock = new MutableClock(NOW);
    private final Fakes.Domains domains = new Fakes.Domains().register("shop.example.com", "acme")
            .register("other.example.com", "globex");
    private final Fakes.Publisher publisher = new Fakes.Publisher();
    private final PurgeService service = new PurgeService(domains, publisher, clock);

    /** tenant, domain, scope, value -> the code and field of the refusal. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                // domain: the core's DomainNamePolicy, as the Domains API applies it
                bad("acme", null, "host", null, "empty", "domain"),
                bad("acme", "", "host", null, "empty", "domain"),
                bad("acme", "https://shop.example.com/", "host", null, "looks_like_url", "domain"),
                bad("acme", "shop.example.com:443", "host", null, "has_port", "domain"),
                bad("acme", "*.example.com", "host", null, "wildcard", "domain"),
                bad("acme", "co.uk", "host", null, "public_suffix", "domain"),
                bad("acme", "shop.test", "host", null, "special_use", "domain"),
                bad("acme", "10.0.0.1", "host", null, "ip_address", "domain"),
                // tenant: TenantId.parse
                bad(null, "shop.example.com", "host", null, "tenant_missing", "tenant"),
                bad("", "shop.example.com", "host", null, "tenant_missing", "tenant"),
                bad("ac me", "shop.example.com", "host", null, "tenant_invalid_characters", "tenant"),
                bad("acme:admin", "shop.example.com", "host", null, "tenant_invalid_characters", "tenant"),
                bad("t".repeat(TenantId.MAX_LENGTH + 1), "shop.example.com", "host", null, "tenant_too_long", "tenant"),
                // scope: one of host, url, prefix, tag, as written
                bad("acme", "shop.example.com", null, null, "scope_missing", "scope"),
                bad("acme", "shop.example.com", "", null, "scope_missing", "scope"),
                bad("acme", "shop.example.com", "all", null, "invalid_scope", "scope"),
                bad("acme", "shop.example.com", "URL", "/a", "invalid_scope", "scope"),
                bad("acme", "shop.example.com", " url", "/a", "invalid_scope", "scope"),
                // host takes no value
                bad("acme", "shop.example.com", "host", "/", "value_not_allowed", "value"),
                // url and prefix: a path, at most 2048 characters, visible ASCII
                bad("acme", "shop.example.com", "url", null, "value_missing", "value"),
                bad("acme", "shop.example.com", "url", "", "value_missing", "value"),
                bad("acme", "shop.example.com", "url", "index.html", "value_not_a_path", "value"),
                bad("acme", "shop.example.com", "url", "https://shop.example.com/a", "value_not_a_path", "value"),
                bad("acme", "shop.example.com", "url", LONG_PATH + "b", "value_too_long", "value"),
                bad("acme", "shop.example.com", "url", "/a b", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "url", "/a\tb", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "url", "/a\r\nX-Injected: 1", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "url", "/a\u0000", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "url", "/a\u007f", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "url", "/bücher", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "prefix", null, "value_missing", "value"),
                bad("acme", "shop.example.com", "prefix", "assets/", "value_not_a_path", "value"),
                bad("acme", "shop.example.com", "prefix", LONG_PATH + "/", "value_too_long", "value"),
                bad("acme", "shop.example.com", "prefix", "/assets /", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "prefix", "/search?q=", "value_has_query", "value"),
                // tag: 1 to 128 visible ASCII characters
                bad("acme", "shop.example.com", "tag", null, "value_missing", "value"),
                bad("acme", "shop.example.com", "tag", "", "value_missing", "value"),
                bad("acme", "shop.example.com", "tag", LONG_TAG + "x", "value_too_long", "value"),
                bad("acme", "shop.example.com", "tag", "two tags", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "tag", "tag\n", "value_invalid_characters", "value"),
                bad("acme", "shop.example.com", "tag", "prödukt", "value_invalid_characters", "value"));
    }

    private static Arguments bad(String tenant, String domain, String scope, String value, String code,
            String field) {
        return Arguments.of(tenant, domain, scope, value, code, field);
    }

    @ParameterizedTest(name = "[{index}] {4} ({5})")
    @MethodSource("badInputs")
    void badInputIsRefusedByCodeAndFieldBeforeTheStoreIsRead(String tenant, String domain, String scope,
            String value, String code, String field) {
        assertThatThrownBy(() -> service.purge(tenant, domain, scope, value))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getField()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
        assertThat(domains.reads).hasValue(0);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void theLongestValuesAllowedArePublished() throws Exception {
        assertThat(service.purge("acme", "shop.example.com", "url", LONG_PATH).event().value()).hasSize(2048);
        assertThat(service.purge("acme", "shop.example.com", "prefix", LONG_PATH).event().value()).hasSize(2048);
        assertThat(service.purge("acme", "shop.example.com", "tag", LONG_TAG).event().value()).hasSize(128);
        assertThat(service.purge("acme", "shop.example.com", "tag", "!#$%&'*+-.^_`|~").event().value())
                .isEqualTo("!#$%&'*+-.^_`|~");
        assertThat(publisher.published).hasSize(4);
    }

    @Test
    void anUnregisteredDomainIs404AndNothingIsPublished() {
        assertThatThrownBy(() -> service.purge("acme", "nobody.example.com", "host", null))
                .isInstanceOfSatisfying(PurgeRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PurgeRefusedException.Reason.DOMAIN_NOT_FOUND);
                    assertThat(e.code()).isEqualTo("domain_not_found");
                    assertThat(e.field()).isEqualTo("domain");
                    assertThat(e.getMessage()).contains("nobody.example.com");
                });
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void anotherTenantsDomainIs403NamesOnlyTheAskerAndNothingIsPublished() {
        for (String scope : new String[] {"host", "url", "prefix", "tag"}) {
            String value = scope.equals("host") ? null : scope.equals("tag") ? "product-42" : "/";
            assertThatThrownBy(() -> service.purge("acme", "other.example.com", scope, value))
                    .isInstanceOfSatisfying(PurgeRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(PurgeRefusedException.Reason.NOT_OWNER);
                        assertThat(e.code()).isEqualTo("not_owner");
                        assertThat(e.field()).isEqualTo("tenant");
                        assertThat(e.getMessage()).contains("acme").doesNotContain("globex");
                    });
        }
        assertThat(publisher.published).isEmpty();
    }

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("host", null, PurgeScope.HOST, ""),
                Arguments.of("host", "", PurgeScope.HOST, ""),
                Arguments.of("url", "/products/42?color=red", PurgeScope.URL, "/products/42?color=red"),
                Arguments.of("url", "/", PurgeScope.URL, "/"),
                Arguments.of("url", "/b%C3%BCcher?q=a%20b", PurgeScope.URL, "/b%C3%BCcher?q=a%20b"),
                Arguments.of("prefix", "/assets/", PurgeScope.PREFIX, "/assets/"),
                Arguments.of("tag", "product-42", PurgeScope.TAG, "product-42"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("scopes")
    void eachScopeIsPublishedAsOnePurgeEventOfTheOwner(String scope, String value, PurgeScope expectedScope,
            String expectedValue) throws Exception {
        PurgeResult result = service.purge("acme", "shop.example.com", scope, value);

        assertThat(publisher.published).containsExactly(result.event());
        EdgeEvent.Purge event = result.event();
        assertThat(UUID.fromString(event.id()).toString()).isEqualTo(event.id());
        assertThat(event.domain()).isEqualTo(DomainName.ofTrusted("shop.example.com"));
        assertThat(event.tenant()).isEqualTo(new TenantId("acme"));
        assertThat(event.scope()).isEqualTo(expectedScope);
        assertThat(event.value()).isEqualTo(expectedValue);
        assertThat(event.at()).isEqualTo(NOW);
        assertThat(result.messageId()).isEqualTo("msg-1");
        // What the proxies decode is what was published.
        assertThat(EdgeEventCodec.decode(EdgeEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void everyPurgeIsANewEventWithItsOwnIdAndTime() throws Exception {
        PurgeResult first = service.purge("acme", "shop.example.com", "url", "/a");
        clock.advance(Duration.ofSeconds(3));
        PurgeResult second = service.purge("acme", "shop.example.com", "url", "/a");

        assertThat(second.event().id()).isNotEqualTo(first.event().id());
        assertThat(second.event().at()).isEqualTo(NOW.plusSeconds(3));
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void theDomainIsCanonicalizedAsTheDomainsApiStoresIt() throws Exception {
        domains.register("xn--bcher-kva.example.com", "acme");

        PurgeResult result = service.purge("acme", "Bücher.Example.COM.", "host", null);

        assertThat(result.event().domain().ascii()).isEqualTo("xn--bcher-kva.example.com");
    }

    @Test
    void theNamePolicyIsTheOneGiven() throws Exception {
        domains.register("shop.tenant-a.test", "acme");
        PurgeService local = new PurgeService(domains, publisher, clock,
                DomainNamePolicy.strict().withExtraSuffixes(Set.of("test")));

        assertThat(local.purge("acme", "shop.tenant-a.test", "host", null).event().domain().ascii())
                .isEqualTo("shop.tenant-a.test");
    }

    @Test
    void aStoreOutagePublishesNothing() {
        domains.down = true;

        assertThatThrownBy(() -> service.purge("acme", "shop.example.com", "host", null))
                .isInstanceOf(StoreException.class);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aPublishFailureReachesTheCaller() {
        publisher.down = true;

        assertThatThrownBy(() -> service.purge("acme", "shop.example.com", "host", null))
                .isInstanceOf(EventPublishException.class).hasMessageContaining("shop.example.com");
    }
}
