package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcmeSettingsTest {
    private static final AcmeSettings LE_STAGING =
            AcmeSettings.forDirectory(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));

    @ParameterizedTest
    @ValueSource(strings = {"http://ca.example/dir", "ftp://ca.example/dir", "acme://letsencrypt.org/staging",
            "/relative/dir"})
    void refusesDirectoriesThatAreNotHttps(String url) {
        assertThatThrownBy(() -> AcmeSettings.forDirectory(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(url);
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        assertThat(AcmeSettings.forDirectory(URI.create("http://127.0.0.1:14000/dir")).directory().getPort())
                .isEqualTo(14000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ops", "mailto:ops@example.com", "a@b@c", "ops@", "ops @example.com",
            "a@example.com,b@example.com"})
    void refusesContactsThatAreNotOnePlainAddress(String email) {
        assertThatThrownBy(() -> LE_STAGING.withContactEmail(email)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonPositiveDurationsAndBlankProfiles() {
        assertThatThrownBy(() -> LE_STAGING.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> LE_STAGING.withPollBound(Duration.ofSeconds(-1))).hasMessageContaining("pollBound");
        assertThatThrownBy(() -> LE_STAGING.withProfile(" ")).hasMessageContaining("profile");
    }

    @Test
    void eabKeyIsCheckedAndNeverPrinted() {
        String key = "c2VjcmV0LWhtYWMta2V5LWZvci10ZXN0cw";
        AcmeSettings settings = LE_STAGING.withExternalAccountBinding("kid-1", key);
        assertThat(settings.toString()).contains("kid-1").doesNotContain(key);
        assertThatThrownBy(() -> LE_STAGING.withExternalAccountBinding("kid-1", "not base64url!"))
                .hasMessageContaining("kid-1").hasMessageNotContaining("not base64url!");
        assertThatThrownBy(() -> LE_STAGING.withExternalAccountBinding("kid-1", "c2hvcnQ"))
                .hasMessageContaining("128 bits");
    }

    @Test
    void anUnreadableTrustFileFailsAtCreateNotMidOrder() {
        AcmeSettings settings = LE_STAGING.withTrustedCa(Path.of("/nonexistent/ca.pem"));
        assertThatThrownBy(() -> AcmeClient.create(settings))
                .isInstanceOf(AcmeConfigurationException.class)
                .hasMessageContaining("/nonexistent/ca.pem");
    }
}
