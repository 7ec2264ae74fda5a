package dev.portico.control.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeServerErrorException;
import dev.portico.acme.AcmeSettings;
import dev.portico.acme.RenewalInfoRequest;
import dev.portico.acme.SuggestedWindow;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.DomainName;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The CA's renewal information as the client reads it over real HTTP: the recorded window with its Retry-After, the
 * explanation of a revocation, and each way the CA can fail, each with the error a caller can act on.
 */
class RenewalInfoRequestIT {
    private static final Instant T = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void readsTheWindowTheExplanationAndTheRetryAfter() throws Exception {
        X509Certificate leaf = leaf();
        try (RenewalInfoServer ca = RenewalInfoServer.start();
                AcmeClient client = AcmeClient.create(AcmeSettings.forDirectory(ca.directory()))) {
            RenewalInfoRequest request = client.renewalInfo(leaf);
            ca.answer(request.certificateId(), new RenewalInfoServer.Answer(200,
                    RenewalInfoServer.recorded("revoked.json"), "3600"));

            SuggestedWindow window = request.fetch().orElseThrow();

            assertThat(ca.asked).containsExactly(request.certificateId());
            assertThat(request.certificateId()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            assertThat(window.start()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(window.end()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
            assertThat(window.explanation()).map(Object::toString)
                    .contains("https://acme.example.test/docs/incident-2026-11");
            assertThat(window.retryAfter()).contains(Duration.ofHours(1));
        }
    }

    @Test
    void aFailingCaIsAnErrorWithWhatToDo() throws Exception {
        X509Certificate leaf = leaf();
        try (RenewalInfoServer ca = RenewalInfoServer.start();
                AcmeClient client = AcmeClient.create(AcmeSettings.forDirectory(ca.directory()))) {
            RenewalInfoRequest request = client.renewalInfo(leaf);

            ca.answer(request.certificateId(), new RenewalInfoServer.Answer(503, "busy", "120"));
            assertThatThrownBy(request::fetch).isInstanceOfSatisfying(AcmeServerErrorException.class,
                    e -> assertThat(e.getRetryAfter()).isPresent()).hasMessageContaining("HTTP 503");

            ca.answer(request.certificateId(), new RenewalInfoServer.Answer(200, "{\"suggestedWindow\":{}}", null));
            assertThatThrownBy(request::fetch).isInstanceOf(AcmeException.class)
                    .hasMessageContaining("not RFC 9773 JSON");

            ca.answer(request.certificateId(), new RenewalInfoServer.Answer(200, "{\"suggestedWindow\":{\"start\":"
                    + "\"2027-01-05T00:00:00Z\",\"end\":\"2027-01-04T00:00:00Z\"}}", null));
            assertThatThrownBy(request::fetch).isInstanceOf(AcmeException.class).hasMessageContaining("before");
        }
        try (RenewalInfoServer ca = RenewalInfoServer.start();
                AcmeClient client = AcmeClient.create(AcmeSettings.forDirectory(ca.directory()))) {
            // A certificate the CA does not know: its 404 problem, not an empty answer.
            assertThatThrownBy(() -> client.renewalInfo(leaf).fetch()).isInstanceOf(AcmeException.class)
                    .hasMessageContaining("HTTP 404");
        }
    }

    private static X509Certificate leaf() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(
                Files.createTempDirectory("ari").resolve("master.key")));
        return TestCertificates.leaf(new TestCertificates().issue(DomainName.ofTrusted("ari.example.com"),
                T.minus(Duration.ofDays(10)), T.plus(Duration.ofDays(80)), envelope));
    }
}
