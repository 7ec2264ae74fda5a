package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.store.StoreException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
    @Test
    void defaultsAreShortTimeoutsAndPlainKeys() {
        RedisSettings s = RedisSettings.of(URI.create("redis://cache.internal"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.socketTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.endpoint()).isEqualTo("cache.internal:6379");
        assertThat(s.isTls()).isFalse();
        assertThat(s.database()).isZero();
        assertThat(s.keyPrefix()).isEmpty();
    }

    @Test
    void credentialsInTheUrlMoveOutAndAreNeverPrinted() {
        RedisSettings s = RedisSettings.of(URI.create("rediss://app:s%40cret@cache.internal:6380/2"));
        assertThat(s.username()).contains("app");
        assertThat(s.password()).contains("s@cret");
        assertThat(s.uri().toString()).isEqualTo("rediss://cache.internal:6380/2");
        assertThat(s.database()).isEqualTo(2);
        assertThat(s.toString()).doesNotContain("cret").contains("password=***");
        assertThat(RedisSettings.of(URI.create("redis://:tok@h")).username()).isEmpty();
    }

    @Test
    void environmentGivesEverySetting() throws StoreException {
        Map<String, String> env = Map.of("PORTICO_REDIS_URL", "rediss://primary.cache.amazonaws.com:6379",
                "PORTICO_REDIS_USERNAME", "portico", "PORTICO_REDIS_PASSWORD", "token",
                "PORTICO_REDIS_CA_FILE", "/etc/ca.pem", "PORTICO_REDIS_KEY_PREFIX", "prod:");
        RedisSettings s = RedisSettings.fromEnvironment(env::get);
        assertThat(s.endpoint()).isEqualTo("primary.cache.amazonaws.com:6379");
        assertThat(s.username()).contains("portico");
        assertThat(s.password()).contains("token");
        assertThat(s.caFile()).contains(Path.of("/etc/ca.pem"));
        assertThat(s.keyPrefix()).isEqualTo("prod:");
    }

    @Test
    void environmentMistakesSayWhichVariableToFix() {
        assertThatThrownBy(() -> RedisSettings.fromEnvironment(Map.<String, String>of()::get))
                .isInstanceOf(StoreException.class).hasMessageContaining("PORTICO_REDIS_URL is not set");
        assertThatThrownBy(() -> RedisSettings.fromEnvironment(Map.of("PORTICO_REDIS_URL", "http://x")::get))
                .isInstanceOf(StoreException.class).hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisSettings.fromEnvironment(
                Map.of("PORTICO_REDIS_URL", "redis://x", "PORTICO_REDIS_CA_FILE", "/ca.pem")::get))
                .isInstanceOf(StoreException.class).hasMessageContaining("rediss://");
        assertThatThrownBy(() -> RedisSettings.fromEnvironment(
                Map.of("PORTICO_REDIS_URL", "redis://x", "PORTICO_REDIS_USERNAME", "u")::get))
                .isInstanceOf(StoreException.class).hasMessageContaining("needs a password");
    }

    @Test
    void nonsenseIsRefused() {
        RedisSettings s = RedisSettings.of(URI.create("redis://h"));
        assertThatThrownBy(() -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisSettings.of(URI.create("redis://h/abc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withCredentials(Optional.of("u"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
