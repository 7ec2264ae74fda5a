package dev.portico.functions.domains;

import static dev.portico.functions.domains.SampleEvents.load;
import static dev.portico.functions.domains.SampleEvents.register;
import static dev.portico.functions.domains.SampleEvents.withBase64Body;
import static dev.portico.functions.domains.SampleEvents.withBody;
import static dev.portico.functions.domains.SampleEvents.withDomain;
import static dev.portico.functions.domains.SampleEvents.withHeader;
import static dev.portico.functions.domains.SampleEvents.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.control.RegistrationPolicy;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.core.domain.DomainNamePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a request can be wrong, each answered with its status, code and field, and each leaving no key in
 * Redis and no message on the issuance queue. A parsing or validation bug that is fixed gets a row here.
 */
class DomainsApiBadRequestsIT extends DomainServiceTestBase {
    private static final String OK_DOMAIN = "shop.example.com";
    private static final String OK_TENANT = "acme";
    private static final String OK_ORIGIN = "https://origin.example.net";
    private static final String PLATFORM = "portico-saas.com";
    private DomainsApiHandler handler;

    record Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void createHandler() {
        RegistrationPolicy policy = RegistrationPolicy.defaults()
                .withNames(DomainNamePolicy.strict().withPlatformDomain(PLATFORM, false));
        handler = new DomainsApiHandler(aws.service(redis.store, policy, Clock.systemUTC()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsCodeAndWritesNothing(Case c) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(c.event().get(), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(c.status());
        JsonNode body = SampleEvents.body(response);
        assertThat(body.get("error").asText()).as(response.getBody()).isEqualTo(c.code());
        assertThat(body.get("field").isNull() ? null : body.get("field").asText()).isEqualTo(c.field());
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(redis.allKeys()).as("keys written").isEmpty();
        assertThat(aws.issuanceMessages()).as("messages queued").isZero();
    }

    static Stream<Case> cases() {
        return Stream.of(bodyCases(), domainCases(), tenantCases(), originCases(), queryAndRouteCases())
                .flatMap(s -> s);
    }

    private static Case of(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code,
            String field) {
        return new Case(name, event, status, code, field);
    }

    private static Case invalid(String name, String domain, String tenant, String origin, String code, String field) {
        return of(name, () -> register(domain, tenant, origin), 400, code, field);
    }

    private static APIGatewayV2HTTPEvent body(String json) {
        return withBody(load("register.json"), json);
    }

    private static final String FIELDS = "\"domain\":\"shop.example.com\",\"tenant\":\"acme\","
            + "\"origin\":\"https://origin.example.net\"";

    static Stream<Case> bodyCases() {
        String big = "{" + FIELDS + ",\"pad\":\"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}";
        return Stream.of(
                of("body over 16 KiB", () -> body(big), 413, "body_too_large", "body"),
                of("base64 body over 16 KiB", () -> withBase64Body(load("register.json"),
                        big.getBytes(StandardCharsets.UTF_8)), 413, "body_too_large", "body"),
                of("multi-byte body over 16 KiB in bytes, not chars", () -> body("{" + FIELDS + ",\"p\":\""
                        + "é".repeat(RequestBody.MAX_BYTES / 2) + "\"}"), 413, "body_too_large", "body"),
                of("text/plain (sample)", () -> load("bad/register-text-plain.json"), 415, "unsupported_media_type",
                        "content-type"),
                of("no content type", () -> withHeader(load("register.json"), "content-type", null), 415,
                        "unsupported_media_type", "content-type"),
                of("latin-1 charset", () -> withHeader(load("register.json"), "content-type",
                        "application/json; charset=iso-8859-1"), 415, "unsupported_media_type", "content-type"),
                of("json-ish media type", () -> withHeader(load("register.json"), "content-type",
                        "application/json-patch+json"), 415, "unsupported_media_type", "content-type"),
                of("invalid base64 (sample)", () -> load("bad/register-invalid-base64.json"), 400, "invalid_base64",
                        "body"),
                of("latin-1 bytes", () -> withBase64Body(load("register.json"),
                        ("{\"domain\":\"b\u00fccher.example.com\"}").getBytes(StandardCharsets.ISO_8859_1)), 400,
                        "invalid_utf8", "body"),
                of("overlong UTF-8 for '/'", () -> withBase64Body(load("register.json"),
                        new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}), 400, "invalid_utf8",
                        "body"),
                of("lone surrogate in text body", () -> body("{\"domain\":\"\uD800\"}"), 400, "invalid_utf8", "body"),
                of("empty body", () -> body(""), 400, "body_missing", "body"),
                of("no body", () -> body(null), 400, "body_missing", "body"),
                of("whitespace only", () -> body("   \n"), 400, "invalid_json", "body"),
                of("form encoding (sample)", () -> load("bad/register-not-json.json"), 400, "invalid_json", "body"),
                of("array", () -> body("[" + "{" + FIELDS + "}]"), 400, "not_an_object", "body"),
                of("string", () -> body("\"shop.example.com\""), 400, "not_an_object", "body"),
                of("null", () -> body("null"), 400, "not_an_object", "body"),
                of("trailing garbage", () -> body("{" + FIELDS + "} x"), 400, "invalid_json", "body"),
                of("two objects", () -> body("{" + FIELDS + "}{}"), 400, "invalid_json", "body"),
                of("truncated", () -> body("{" + FIELDS), 400, "invalid_json", "body"),
                of("comment", () -> body("// hi\n{" + FIELDS + "}"), 400, "invalid_json", "body"),
                of("single quotes", () -> body("{'domain':'shop.example.com'}"), 400, "invalid_json", "body"),
                of("byte order mark", () -> withBase64Body(load("register.json"),
                        ("\uFEFF{" + FIELDS + "}").getBytes(StandardCharsets.UTF_8)), 400, "invalid_json", "body"),
                of("nesting 1000 deep", () -> body("{" + FIELDS + ",\"x\":" + "[".repeat(1000) + "]".repeat(1000)
                        + "}"), 400, "invalid_json", "body"),
                of("duplicate field", () -> body("{" + FIELDS + ",\"domain\":\"evil.example.com\"}"), 400,
                        "duplicate_field", "domain"),
                of("unknown field (sample)", () -> load("bad/register-unknown-field.json"), 400, "unknown_field",
                        "admin"),
                of("field name in other case", () -> body("{\"Domain\":\"shop.example.com\",\"tenant\":\"acme\","
                        + "\"origin\":\"https://origin.example.net\"}"), 400, "unknown_field", "Domain"),
                of("empty object", () -> body("{}"), 400, "missing_field", "domain"),
                of("missing tenant", () -> body("{\"domain\":\"shop.example.com\",\"origin\":\"https://o.example\"}"),
                        400, "missing_field", "tenant"),
                of("missing origin", () -> body("{\"domain\":\"shop.example.com\",\"tenant\":\"acme\"}"), 400,
                        "missing_field", "origin"),
                of("domain as number", () -> body("{\"domain\":42,\"tenant\":\"acme\",\"origin\":\"https://o.example\"}"),
                        400, "wrong_type", "domain"),
                of("tenant null", () -> body("{\"domain\":\"shop.example.com\",\"tenant\":null,"
                        + "\"origin\":\"https://o.example\"}"), 400, "wrong_type", "tenant"),
                of("origin object", () -> body("{\"domain\":\"shop.example.com\",\"tenant\":\"acme\","
                        + "\"origin\":{\"url\":\"https://o.example\"}}"), 400, "wrong_type", "origin"),
                of("unpaired surrogate escape", () -> body("{\"domain\":\"shop\\ud800.example.com\",\"tenant\":\"acme\","
                        + "\"origin\":\"https://o.example\"}"), 400, "invalid_unicode", "domain"));
    }

    static Stream<Case> domainCases() {
        return Stream.of(
                invalid("empty domain", "", OK_TENANT, OK_ORIGIN, "empty", "domain"),
                invalid("domain as URL", "https://shop.example.com", OK_TENANT, OK_ORIGIN, "looks_like_url", "domain"),
                invalid("domain with port", "shop.example.com:443", OK_TENANT, OK_ORIGIN, "has_port", "domain"),
                invalid("wildcard", "*.example.com", OK_TENANT, OK_ORIGIN, "wildcard", "domain"),
                invalid("IPv4 address", "192.0.2.10", OK_TENANT, OK_ORIGIN, "ip_address", "domain"),
                invalid("single label", "localhost", OK_TENANT, OK_ORIGIN, "single_label", "domain"),
                invalid("public suffix", "co.uk", OK_TENANT, OK_ORIGIN, "public_suffix", "domain"),
                invalid("special-use .test", "shop.test", OK_TENANT, OK_ORIGIN, "special_use", "domain"),
                invalid("unknown TLD", "shop.example.notatld", OK_TENANT, OK_ORIGIN, "unknown_tld", "domain"),
                invalid("space inside", "sh op.example.com", OK_TENANT, OK_ORIGIN, "whitespace_or_control", "domain"),
                invalid("newline (log injection)", "shop.example.com\nlevel=ERROR", OK_TENANT, OK_ORIGIN,
                        "whitespace_or_control", "domain"),
                invalid("underscore", "my_shop.example.com", OK_TENANT, OK_ORIGIN, "underscore", "domain"),
                invalid("leading hyphen", "-shop.example.com", OK_TENANT, OK_ORIGIN, "hyphen_at_label_edge", "domain"),
                invalid("label of 64", "a".repeat(64) + ".example.com", OK_TENANT, OK_ORIGIN, "label_too_long",
                        "domain"),
                invalid("2000 characters", "a".repeat(2000), OK_TENANT, OK_ORIGIN, "too_long", "domain"),
                invalid("under the platform domain", "tenant." + PLATFORM, OK_TENANT, OK_ORIGIN, "platform_domain",
                        "domain"),
                of("public suffix in the path (sample)", () -> load("bad/get-public-suffix.json"), 400,
                        "public_suffix", "domain"),
                of("empty label in the path", () -> withDomain(load("get.json"), "shop..example.com"), 400,
                        "empty_label", "domain"),
                of("percent-encoding in the path", () -> withDomain(load("get.json"), "shop%2eexample.com"), 400,
                        "invalid_character", "domain"));
    }

    static Stream<Case> tenantCases() {
        return Stream.of(
                invalid("empty tenant", OK_DOMAIN, "", OK_ORIGIN, "tenant_missing", "tenant"),
                invalid("tenant with space", OK_DOMAIN, "ac me", OK_ORIGIN, "tenant_invalid_characters", "tenant"),
                invalid("tenant with colon (key injection)", OK_DOMAIN, "acme:domains", OK_ORIGIN,
                        "tenant_invalid_characters", "tenant"),
                invalid("tenant starting with dot", OK_DOMAIN, ".acme", OK_ORIGIN, "tenant_invalid_characters",
                        "tenant"),
                invalid("tenant of 65", OK_DOMAIN, "t".repeat(65), OK_ORIGIN, "tenant_too_long", "tenant"));
    }

    static Stream<Case> originCases() {
        return Stream.of(
                invalid("empty origin", OK_DOMAIN, OK_TENANT, "", "origin_missing", "origin"),
                invalid("ftp origin", OK_DOMAIN, OK_TENANT, "ftp://origin.example.net", "origin_scheme", "origin"),
                invalid("origin without scheme", OK_DOMAIN, OK_TENANT, "origin.example.net", "origin_scheme", "origin"),
                invalid("loopback origin", OK_DOMAIN, OK_TENANT, "http://127.0.0.1:8080", "origin_forbidden_address",
                        "origin"),
                invalid("IPv6 loopback origin", OK_DOMAIN, OK_TENANT, "http://[::1]/", "origin_forbidden_address",
                        "origin"),
                invalid("private origin", OK_DOMAIN, OK_TENANT, "http://10.0.0.5", "origin_forbidden_address", "origin"),
                invalid("localhost origin", OK_DOMAIN, OK_TENANT, "http://localhost:3000", "origin_forbidden_address",
                        "origin"),
                invalid("metadata host origin", OK_DOMAIN, OK_TENANT, "http://metadata.google.internal/",
                        "origin_forbidden_address", "origin"),
                of("metadata address origin (sample)", () -> load("bad/register-metadata-origin.json"), 400,
                        "origin_forbidden_address", "origin"),
                invalid("origin with credentials", OK_DOMAIN, OK_TENANT, "https://user:pw@origin.example.net",
                        "origin_credentials", "origin"),
                invalid("origin with query", OK_DOMAIN, OK_TENANT, "https://origin.example.net/?a=1", "origin_query",
                        "origin"),
                invalid("origin with bad port", OK_DOMAIN, OK_TENANT, "https://origin.example.net:70000",
                        "origin_port", "origin"),
                invalid("domain, tenant and origin all bad: domain first", "", "", "", "empty", "domain"));
    }

    static Stream<Case> queryAndRouteCases() {
        return Stream.of(
                of("list without tenant (sample)", () -> load("bad/list-without-tenant.json"), 400, "tenant_missing",
                        "tenant"),
                of("list with invalid tenant", () -> withQuery(load("list.json"), Map.of("tenant", "a,b")), 400,
                        "tenant_invalid_characters", "tenant"),
                of("limit 0", () -> withQuery(load("list.json"), Map.of("tenant", "acme", "limit", "0")), 400,
                        "invalid_limit", "limit"),
                of("limit 101", () -> withQuery(load("list.json"), Map.of("tenant", "acme", "limit", "101")), 400,
                        "invalid_limit", "limit"),
                of("limit not a number", () -> withQuery(load("list.json"), Map.of("tenant", "acme", "limit", "ten")),
                        400, "invalid_limit", "limit"),
                of("negative limit", () -> withQuery(load("list.json"), Map.of("tenant", "acme", "limit", "-5")), 400,
                        "invalid_limit", "limit"),
                of("cursor not issued by us", () -> withQuery(load("list.json"), Map.of("tenant", "acme",
                        "cursor", "!!")), 400, "invalid_cursor", "cursor"),
                of("cursor decoding to no name", () -> withQuery(load("list.json"), Map.of("tenant", "acme",
                        "cursor", "AAAA")), 400, "invalid_cursor", "cursor"),
                of("misspelt parameter", () -> withQuery(load("list.json"), Map.of("tenat", "acme")), 400,
                        "unknown_parameter", "tenat"),
                of("query on register", () -> withQuery(load("register.json"), Map.of("debug", "1")), 400,
                        "unknown_parameter", "debug"),
                of("delete without tenant (sample)", () -> load("bad/delete-without-tenant.json"), 400,
                        "tenant_missing", "tenant"),
                of("delete of an unknown domain", () -> load("delete.json"), 404, "domain_not_found", "domain"),
                of("put on the collection", () -> SampleEvents.catchAll("PUT", "/domains"), 405, "method_not_allowed", null),
                of("post on an item", () -> SampleEvents.catchAll("POST", "/domains/shop.example.com"), 405,
                        "method_not_allowed", null),
                of("unknown path", () -> SampleEvents.catchAll("GET", "/admin"), 404, "route_not_found", null),
                of("path too deep", () -> SampleEvents.catchAll("GET", "/domains/shop.example.com/certificate"), 404,
                        "route_not_found", null),
                of("trailing slash", () -> SampleEvents.catchAll("GET", "/domains/"), 404, "route_not_found", null));
    }
}
