package dev.portico.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.portico.core.InvalidInputException;
import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {
    private final OriginPolicy strict = OriginPolicy.strict();

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments(null, "origin_missing"),
                arguments(" ", "origin_missing"),
                arguments("https://" + "a".repeat(3000) + ".com", "origin_too_long"),
                arguments("ftp://origin.example.com", "origin_scheme"),
                arguments("file:///etc/passwd", "origin_scheme"),
                arguments("javascript:alert(1)", "origin_scheme"),
                arguments("origin.example.com", "origin_scheme"),
                arguments("https://user:pw@origin.example.com", "origin_credentials"),
                arguments("https://origin.example.com/?a=1", "origin_query"),
                arguments("https://origin.example.com/#x", "origin_query"),
                arguments("https://exa mple.com", "origin_malformed"),
                arguments("https://", "origin_malformed"),
                arguments("https://origin_example.com", "origin_host"),
                arguments("https://-bad.example.com", "origin_host"),
                arguments("http://127.0.0.1", "origin_forbidden_address"),
                arguments("http://127.1.2.3:8080", "origin_forbidden_address"),
                arguments("http://[::1]/", "origin_forbidden_address"),
                arguments("http://[::ffff:127.0.0.1]/", "origin_forbidden_address"),
                arguments("http://169.254.169.254/latest/meta-data", "origin_forbidden_address"),
                arguments("http://[fd00:ec2::254]/", "origin_forbidden_address"),
                arguments("http://10.0.0.5", "origin_forbidden_address"),
                arguments("http://172.16.3.4", "origin_forbidden_address"),
                arguments("http://192.168.0.1", "origin_forbidden_address"),
                arguments("http://100.64.0.1", "origin_forbidden_address"),
                arguments("http://0.0.0.0", "origin_forbidden_address"),
                arguments("http://[fe80::1]", "origin_forbidden_address"),
                arguments("http://224.0.0.1", "origin_forbidden_address"),
                arguments("http://localhost:8080", "origin_forbidden_address"),
                arguments("http://api.localhost", "origin_forbidden_address"),
                arguments("http://metadata.google.internal/", "origin_forbidden_address"),
                arguments("http://2130706433/", "origin_host"),
                arguments("http://0x7f000001/", "origin_host"),
                arguments("http://0177.0.0.1/", "origin_host"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("refused")
    void refusesWithACode(String input, String code) {
        assertThatThrownBy(() -> strict.parse(input))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getField()).isEqualTo("origin");
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void canonicalizesAcceptedOrigins() throws Exception {
        assertThat(strict.parse("HTTPS://Origin.Example.COM/").toString()).isEqualTo("https://origin.example.com");
        assertThat(strict.parse("http://origin.example.com:8080/sites/a/").toString())
                .isEqualTo("http://origin.example.com:8080/sites/a");
        assertThat(strict.parse("https://8.8.8.8").host()).isEqualTo("8.8.8.8");
        OriginUrl origin = strict.parse("https://origin.example.com:8443/base");
        assertThat(OriginUrl.ofTrusted(origin.toString())).isEqualTo(origin);
    }

    @Test
    void privateOriginsOnlyWhenAllowed() throws Exception {
        OriginPolicy local = new OriginPolicy(true);
        assertThat(local.parse("http://127.0.0.1:8080").port()).isEqualTo(8080);
        assertThat(local.parse("http://[::1]:9000").toString()).isEqualTo("http://[::1]:9000");
        assertThat(OriginUrl.ofTrusted("http://[::1]:9000").host()).isEqualTo("::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1", "::ffff:10.0.0.1", "fc00::1", "169.254.169.254", "0.0.0.0",
            "255.255.255.255", "198.18.0.1"})
    void forbiddenAddressesForConnectTimeChecks(String address) throws Exception {
        assertThat(OriginPolicy.isForbiddenAddress(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1"})
    void publicAddressesAllowed(String address) throws Exception {
        assertThat(OriginPolicy.isForbiddenAddress(InetAddress.getByName(address))).isFalse();
    }
}
