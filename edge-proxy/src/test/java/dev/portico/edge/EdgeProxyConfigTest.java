package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeProxyConfigTest {
    @Test
    void unsetVariablesKeepTheDefaults() {
        EdgeProxyConfig config = EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_HTTP_PORT", " ")::get);
        assertThat(config).isEqualTo(EdgeProxyConfig.defaults());
        assertThat(config.httpPort()).isEqualTo(80);
        assertThat(config.bindAddress().getHostAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void everyVariableIsRead() throws Exception {
        EdgeProxyConfig config = EdgeProxyConfig.fromEnvironment(Map.of(
                "PORTICO_BIND_ADDRESS", "127.0.0.1",
                "PORTICO_HTTP_PORT", "5002",
                "PORTICO_HTTP_READ_TIMEOUT_SECONDS", "7",
                "PORTICO_CHALLENGE_LOOKUPS_MAX", "3",
                "PORTICO_CHALLENGE_LOOKUP_TIMEOUT_MS", "250",
                "PORTICO_SHUTDOWN_GRACE_SECONDS", "0")::get);
        assertThat(config).isEqualTo(new EdgeProxyConfig(InetAddress.getByName("127.0.0.1"), 5002,
                Duration.ofSeconds(7), 3, Duration.ofMillis(250), Duration.ZERO));
    }

    @Test
    void invalidValuesNameTheVariable() {
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_HTTP_PORT", "eighty")::get))
                .hasMessageContaining("PORTICO_HTTP_PORT");
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_HTTP_PORT", "70000")::get))
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_BIND_ADDRESS", "example.com")::get))
                .hasMessageContaining("PORTICO_BIND_ADDRESS");
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_CHALLENGE_LOOKUPS_MAX", "0")::get))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_HTTP_READ_TIMEOUT_SECONDS", "2",
                "PORTICO_CHALLENGE_LOOKUP_TIMEOUT_MS", "2000")::get))
                .hasMessageContaining("must be longer than the challenge look-up timeout");
    }
}
