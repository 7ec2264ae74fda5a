package dev.portico.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
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
        EdgeProxyConfig config = EdgeProxyConfig.fromEnvironment(Map.ofEntries(
                Map.entry("PORTICO_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PORTICO_HTTP_PORT", "5002"),
                Map.entry("PORTICO_HTTP_READ_TIMEOUT_SECONDS", "7"),
                Map.entry("PORTICO_CHALLENGE_LOOKUPS_MAX", "3"),
                Map.entry("PORTICO_CHALLENGE_LOOKUP_TIMEOUT_MS", "250"),
                Map.entry("PORTICO_SHUTDOWN_GRACE_SECONDS", "0"),
                Map.entry("PORTICO_HTTPS_PORT", "8443"),
                Map.entry("PORTICO_CERT_CACHE_MAX_ENTRIES", "1000"),
                Map.entry("PORTICO_ROUTE_CACHE_MAX_ENTRIES", "2000"),
                Map.entry("PORTICO_ORIGIN_CONNECT_TIMEOUT_MS", "700"),
                Map.entry("PORTICO_ORIGIN_CA_FILE", "/etc/origin-ca.pem"),
                Map.entry("PORTICO_CACHE_MAX_BYTES", "0"),
                Map.entry("PORTICO_IO_THREADS", "3"),
                Map.entry("PORTICO_CERT_LOADS_PER_SECOND", "50"),
                Map.entry("PORTICO_PROXY_PROTOCOL", "true"))::get);
        EdgeProxyConfig defaults = EdgeProxyConfig.defaults();
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(config.httpPort()).isEqualTo(5002);
        assertThat(config.httpsPort()).isEqualTo(8443);
        assertThat(config.redirectPort()).as("redirects name the https port when it is not 443").isEqualTo(8443);
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.challengeLookups()).isEqualTo(3);
        assertThat(config.challengeLookupTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ZERO);
        assertThat(config.certificates().maxEntries()).isEqualTo(1000);
        assertThat(config.certificates().negativeTtl()).isEqualTo(defaults.certificates().negativeTtl());
        assertThat(config.routes().maxEntries()).isEqualTo(2000);
        assertThat(config.routes().negativeTtl()).isEqualTo(defaults.routes().negativeTtl());
        assertThat(config.proxy().connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(config.originCaFile()).contains(Path.of("/etc/origin-ca.pem"));
        assertThat(config.fallbackChain()).isEmpty();
        assertThat(config.cacheMaxBytes()).as("0 turns the edge cache off").isZero();
        assertThat(config.cacheMaxObjectBytes()).isEqualTo(defaults.cacheMaxObjectBytes());
        assertThat(config.ioThreads()).isEqualTo(3);
        assertThat(config.certificates().maxLoadsPerSecond()).isEqualTo(50);
        assertThat(config.proxyProtocol()).isTrue();
    }

    @Test
    void aSwitchMustSayTrueOrFalse() {
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_PROXY_PROTOCOL", "maybe")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PORTICO_PROXY_PROTOCOL");
    }

    @Test
    void aFallbackCertificateNeedsItsKey() {
        assertThatThrownBy(() -> EdgeProxyConfig.fromEnvironment(Map.of("PORTICO_FALLBACK_CERT_FILE", "/x.pem")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PORTICO_FALLBACK_KEY_FILE");
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
