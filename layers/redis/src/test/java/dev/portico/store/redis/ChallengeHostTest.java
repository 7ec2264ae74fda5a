package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeHostTest {
    @ParameterizedTest
    @CsvSource({
        "shop.example.com, shop.example.com",
        "SHOP.Example.COM, shop.example.com",
        "shop.example.com:5002, shop.example.com",
        "shop.example.com., shop.example.com",
        "Shop.Example.com.:80, shop.example.com"})
    void hostHeaderBecomesTheStoredName(String host, String expected) {
        assertThat(RedisChallengeStore.normalizeHost(host)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", ".", "[::1]:80", "::1", "a:b:c"})
    void nothingThatCannotBeAStoredName(String host) {
        assertThat(RedisChallengeStore.normalizeHost(host)).isEmpty();
    }
}
