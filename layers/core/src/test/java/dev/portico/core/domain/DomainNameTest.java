package dev.portico.core.domain;

import static dev.portico.core.domain.InvalidDomainNameException.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.portico.core.domain.InvalidDomainNameException.Reason;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DomainNameTest {
    private static final DomainNamePolicy POLICY = DomainNamePolicy.strict()
            .withPlatformDomain("saas-platform.com", false);
    private static final Set<Reason> SEEN = EnumSet.noneOf(Reason.class);

    /**
     * Hostile or malformed names, each with the rule it must break and a fragment of the message a person reads.
     * A parsing bug fixed once gets a row here so it never comes back.
     */
    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("", EMPTY, "empty"),
                arguments("a".repeat(2000), TOO_LONG, "2000 characters"),
                arguments(("a".repeat(60) + ".").repeat(5) + "com", TOO_LONG, "longer than 253"),
                arguments("a".repeat(64) + ".com", LABEL_TOO_LONG, "64 characters"),
                arguments("shop..example.com", EMPTY_LABEL, "empty label"),
                arguments(".example.com", EMPTY_LABEL, "empty label"),
                arguments("example.com..", EMPTY_LABEL, "empty label"),
                arguments("https://shop.example.com", LOOKS_LIKE_URL, "looks like a URL"),
                arguments("shop.example.com/admin", LOOKS_LIKE_URL, "without scheme, path"),
                arguments("admin@shop.example.com", LOOKS_LIKE_URL, "looks like a URL"),
                arguments("shop.example.com?x=1", LOOKS_LIKE_URL, "looks like a URL"),
                arguments("shop.example.com#top", LOOKS_LIKE_URL, "looks like a URL"),
                arguments("shop.example.com:443", HAS_PORT, "without ':port'"),
                arguments("shop.exam:ple.com", INVALID_CHARACTER, "contains ':'"),
                arguments(" shop.example.com", WHITESPACE_OR_CONTROL, "U+0020"),
                arguments("shop.example.com\n", WHITESPACE_OR_CONTROL, "U+000A"),
                arguments("shop\u0000.example.com", WHITESPACE_OR_CONTROL, "U+0000"),
                arguments("shop\u00a0example.com", WHITESPACE_OR_CONTROL, "U+00A0"),
                arguments("shop!.example.com", INVALID_CHARACTER, "contains '!'"),
                arguments("%73hop.example.com", INVALID_CHARACTER, "contains '%'"),
                arguments("shop.example.com\\", INVALID_CHARACTER, "contains '\\'"),
                arguments("_dmarc.example.com", UNDERSCORE, "contains '_'"),
                arguments("*.example.com", WILDCARD, "wildcard"),
                arguments("shop.*.example.com", WILDCARD, "wildcard"),
                arguments("192.168.1.1", IP_ADDRESS, "IP address"),
                arguments("127.0.0.1.", IP_ADDRESS, "IP address"),
                arguments("[::1]", IP_ADDRESS, "IP address"),
                arguments("::ffff:169.254.169.254", IP_ADDRESS, "IP address"),
                arguments("0x7f.1", NUMERIC_TLD, "all-numeric"),
                arguments("shop.example.123", NUMERIC_TLD, "all-numeric"),
                arguments("-shop.example.com", HYPHEN_AT_LABEL_EDGE, "starts or ends with '-'"),
                arguments("shop-.example.com", HYPHEN_AT_LABEL_EDGE, "starts or ends with '-'"),
                arguments("ab--cd.example.com", RESERVED_HYPHENS, "reserved for encoded"),
                arguments("xn--zz.example.com", INVALID_PUNYCODE, "not valid punycode"),
                arguments("xn--a.example.com", INVALID_PUNYCODE, "not valid punycode"),
                arguments("\u202eshop.example.com", IDN_DISALLOWED, "not allowed"),
                arguments("\ud83d\udca9.example.com", IDN_DISALLOWED, "emoji"),
                arguments("xn--ls8h.example.com", IDN_DISALLOWED, "emoji"),
                arguments("a\u0627.example.com", IDN_BIDI, "right-to-left"),
                arguments("a\u200db.example.com", IDN_CONTEXT, "joiner"),
                arguments("a\u00b7b.example.com", IDN_CONTEXT, "joiner, digit mix or punctuation"),
                arguments("\u0301shop.example.com", IDN_COMBINING_MARK, "combining mark"),
                arguments("localhost", SINGLE_LABEL, "single label"),
                arguments("com", SINGLE_LABEL, "single label"),
                arguments("2130706433", SINGLE_LABEL, "single label"),
                arguments("shop.localhost", SPECIAL_USE, "'.localhost'"),
                arguments("shop.test", SPECIAL_USE, "'.test'"),
                arguments("printer.local", SPECIAL_USE, "'.local'"),
                arguments("abc.onion", SPECIAL_USE, "'.onion'"),
                arguments("1.0.0.127.in-addr.arpa", SPECIAL_USE, "'.arpa'"),
                arguments("co.uk", PUBLIC_SUFFIX, "public suffix"),
                arguments("github.io", PUBLIC_SUFFIX, "public suffix"),
                arguments("CO.UK.", PUBLIC_SUFFIX, "public suffix"),
                arguments("shop.notarealtld", UNKNOWN_TLD, "'.notarealtld'"),
                arguments("acme.saas-platform.com", PLATFORM_DOMAIN, "platform domain saas-platform.com"),
                arguments("SAAS-PLATFORM.COM", PLATFORM_DOMAIN, "platform domain"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("rejected")
    void refusesWithItsOwnReasonAndMessage(String input, Reason reason, String messageFragment) {
        assertThatThrownBy(() -> POLICY.parse(input))
                .isInstanceOfSatisfying(InvalidDomainNameException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(reason);
                    assertThat(e.getCode()).isEqualTo(reason.code());
                    assertThat(e.getField()).isEqualTo("domain");
                    assertThat(e.getMessage()).contains(messageFragment);
                    assertThat(e.getMessage().length()).isLessThan(400);
                });
        SEEN.add(reason);
    }

    @AfterAll
    static void everyReasonHasARow() {
        if (!SEEN.isEmpty()) {
            assertThat(SEEN).as("every rejection reason is exercised by the table").containsAll(EnumSet.allOf(Reason.class));
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("shop.example.com", "shop.example.com"),
                arguments("SHOP.Example.COM", "shop.example.com"),
                arguments("shop.example.com.", "shop.example.com"),
                arguments("b\u00fccher.de", "xn--bcher-kva.de"),
                arguments("XN--BCHER-KVA.DE", "xn--bcher-kva.de"),
                arguments("fa\u00df.de", "xn--fa-hia.de"),
                arguments("shop\u3002example.com", "shop.example.com"),
                arguments("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com", "example.com"),
                arguments("a".repeat(63) + ".com", "a".repeat(63) + ".com"),
                arguments(("a".repeat(62) + ".").repeat(3) + "b".repeat(60) + ".com", null),
                arguments("www.example.co.uk", "www.example.co.uk"),
                arguments("shop.example.github.io", "shop.example.github.io"),
                arguments("xn--80ak6aa92e.com", "xn--80ak6aa92e.com"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptsAndCanonicalizes(String input, String expected) throws Exception {
        DomainName name = POLICY.parse(input);
        assertThat(name.ascii()).isEqualTo(expected == null ? input : expected);
        assertThat(name.ascii().length()).isLessThanOrEqualTo(253);
        assertThat(DomainName.ofTrusted(name.ascii())).isEqualTo(name);
    }

    @Test
    void showsUnicodeFormToPeople() throws Exception {
        assertThat(POLICY.parse("xn--bcher-kva.de").unicode()).isEqualTo("b\u00fccher.de");
        assertThat(POLICY.parse("shop.example.com").unicode()).isEqualTo("shop.example.com");
    }

    @Test
    void extraSuffixesAdmitTestNamesOnlyWhenConfigured() throws Exception {
        DomainNamePolicy local = POLICY.withExtraSuffixes(Set.of("test"));
        assertThat(local.parse("shop.tenant-a.test").ascii()).isEqualTo("shop.tenant-a.test");
        assertThatThrownBy(() -> local.parse("test")).hasMessageContaining("single label");
        assertThatThrownBy(() -> POLICY.parse("shop.tenant-a.test")).hasMessageContaining("special-use");
    }

    @Test
    void platformSubdomainsWhenAllowed() throws Exception {
        DomainNamePolicy open = DomainNamePolicy.strict().withPlatformDomain("saas-platform.com", true);
        assertThat(open.parse("acme.saas-platform.com").ascii()).isEqualTo("acme.saas-platform.com");
    }

    @Test
    void trustedFormRefusesAnythingNotCanonical() {
        for (String bad : new String[] {"Shop.example.com", "shop.example.com.", "shop..example.com", "", "a b.com"}) {
            assertThatThrownBy(() -> DomainName.ofTrusted(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
