package dev.portico.acme;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Asks the CA when it suggests renewing one certificate (RFC 9773). Get one from {@link AcmeClient#renewalInfo};
 * {@link #fetch()} does the I/O.
 *
 * <p>Why not acme4j's {@code RenewalInfo}: it needs a logged-in account, while the resource is a plain
 * unauthenticated GET (RFC 9773 section 4.1). Asking without an account lets the scheduled run check thousands of
 * certificates without ever creating or reading one.
 */
public final class RenewalInfoRequest {
    private final AcmeClient client;
    private final X509Certificate certificate;

    RenewalInfoRequest(AcmeClient client, X509Certificate certificate) {
        this.client = client;
        this.certificate = certificate;
    }

    /** The certificate's ARI identifier ({@code base64url(AKI keyIdentifier) "." base64url(serial)}). */
    public String certificateId() {
        return idOf(certificate);
    }

    /** The ARI identifier of {@code certificate}, as {@link CertificateOrder#replaces} takes it. */
    public static String idOf(X509Certificate certificate) {
        return AcmeUtils.getRenewalUniqueIdentifier(certificate);
    }

    /**
     * The CA's suggested window; empty when the CA offers no renewal information (its directory has no
     * {@code renewalInfo}), in which case the caller keeps its own schedule.
     *
     * @throws AcmeNetworkException     the CA was unreachable or too slow
     * @throws AcmeServerErrorException the CA answered 5xx (with its {@code Retry-After}, if any)
     * @throws AcmeException            any other answer that is not renewal information
     */
    public Optional<SuggestedWindow> fetch() throws AcmeException {
        Optional<URL> base = client.failures().call(Optional.empty(), "reading the CA's directory",
                () -> client.session().resourceUrlOptional(Resource.RENEWAL_INFO));
        if (base.isEmpty()) {
            return Optional.empty();
        }
        String root = base.get().toString();
        URI uri = URI.create((root.endsWith("/") ? root : root + "/") + certificateId());
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(client.settings().readTimeout())
                .header("Accept", "application/json").build();
        HttpResponse<String> response;
        HttpClient http = client.httpClient();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AcmeNetworkException(client.settings().directory(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeNetworkException(client.settings().directory(), e);
        }
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"),
                Instant.now());
        if (response.statusCode() >= 500) {
            throw new AcmeServerErrorException("the CA answered HTTP " + response.statusCode() + " for the renewal "
                    + "information of " + uri, null, retryAfter.map(Instant.now()::plus).orElse(null), null);
        }
        if (response.statusCode() != 200) {
            throw new AcmeException("the CA answered HTTP " + response.statusCode() + " for the renewal information "
                    + "of " + uri + ": " + abbreviate(response.body()));
        }
        return Optional.of(parse(response.body(), retryAfter, uri));
    }

    static SuggestedWindow parse(String body, Optional<Duration> retryAfter, URI from) throws AcmeException {
        try {
            JSON json = JSON.parse(body);
            JSON window = json.get("suggestedWindow").asObject();
            Optional<URI> explanation = json.get("explanationURL").optional().map(v -> v.asURI());
            return new SuggestedWindow(window.get("start").asInstant(), window.get("end").asInstant(), explanation,
                    retryAfter);
        } catch (RuntimeException e) {
            throw new AcmeException("the renewal information at " + from + " is not RFC 9773 JSON ("
                    + e.getMessage() + "): " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
