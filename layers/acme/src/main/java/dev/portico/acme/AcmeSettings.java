package dev.portico.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach one ACME CA and act there. Start from {@link #forDirectory(URI)} and refine with the {@code with...}
 * methods; every value is checked here so a bad deployment parameter fails at start-up, not mid-order.
 *
 * @param directory      the CA's directory URL ({@code https://}; {@code http://} only for a CA on loopback)
 * @param contactEmail   the address the CA writes to about expiring certificates and incidents
 * @param eab            external account binding, for CAs that require it
 * @param profile        certificate profile to ask for; only sent when the CA's directory offers profiles
 * @param connectTimeout TCP connect timeout for each request to the CA
 * @param readTimeout    how long one request may wait for its response, TLS handshake included
 * @param pollBound      how long one wait for the CA (validation, then issuance) may take before giving up with
 *                       {@link AcmeTimeoutException}; the order stays open and can be resumed
 * @param trustedCa      PEM file with the CA certificate(s) that sign the directory's TLS certificate; when present
 *                       only these are trusted (a private or test CA such as Pebble); when absent, the JDK's roots
 */
public record AcmeSettings(URI directory, Optional<String> contactEmail, Optional<ExternalAccountBinding> eab,
        Optional<String> profile, Duration connectTimeout, Duration readTimeout, Duration pollBound,
        Optional<Path> trustedCa) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_POLL_BOUND = Duration.ofMinutes(2);

    public AcmeSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(contactEmail, "contactEmail");
        Objects.requireNonNull(eab, "eab");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(trustedCa, "trustedCa");
        String scheme = directory.getScheme() == null ? "" : directory.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(directory))) {
            throw new IllegalArgumentException("ACME directory must be an https:// URL (http:// only on loopback): "
                    + directory);
        }
        contactEmail.ifPresent(AcmeSettings::checkEmail);
        profile.ifPresent(p -> {
            if (p.isBlank()) {
                throw new IllegalArgumentException("ACME profile is blank; leave it unset for the CA's default");
            }
        });
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("pollBound", pollBound);
    }

    /** Where certificates come from when no directory is configured: a test CA, so a mistake costs no real limits. */
    public static final URI LETS_ENCRYPT_STAGING = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

    /**
     * Settings from the environment, as every function that talks to the CA reads them: PORTICO_ACME_DIRECTORY
     * (Let's Encrypt staging when unset), PORTICO_ACME_SERVER_CA, PORTICO_ACME_CONTACT, PORTICO_ACME_PROFILE,
     * PORTICO_ACME_EAB_KID and PORTICO_ACME_EAB_HMAC (both or neither).
     *
     * @throws IllegalStateException naming the variables to fix, when a value is refused
     */
    public static AcmeSettings fromEnvironment(Function<String, String> env) {
        try {
            AcmeSettings acme = forDirectory(optional(env, "PORTICO_ACME_DIRECTORY").map(URI::create)
                    .orElse(LETS_ENCRYPT_STAGING));
            acme = optional(env, "PORTICO_ACME_SERVER_CA").map(Path::of).map(acme::withTrustedCa).orElse(acme);
            acme = optional(env, "PORTICO_ACME_CONTACT").map(acme::withContactEmail).orElse(acme);
            acme = optional(env, "PORTICO_ACME_PROFILE").map(acme::withProfile).orElse(acme);
            Optional<String> kid = optional(env, "PORTICO_ACME_EAB_KID");
            Optional<String> hmac = optional(env, "PORTICO_ACME_EAB_HMAC");
            if (kid.isPresent() != hmac.isPresent()) {
                throw new IllegalArgumentException(
                        "set both PORTICO_ACME_EAB_KID and PORTICO_ACME_EAB_HMAC, or neither");
            }
            return kid.isPresent() ? acme.withExternalAccountBinding(kid.get(), hmac.get()) : acme;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ACME settings are invalid: " + e.getMessage()
                    + "; fix PORTICO_ACME_DIRECTORY / _SERVER_CA / _CONTACT / _PROFILE / _EAB_KID / _EAB_HMAC", e);
        }
    }

    private static Optional<String> optional(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Settings for {@code directory} with no contact, no EAB, no profile, default timeouts and the JDK's trust. */
    public static AcmeSettings forDirectory(URI directory) {
        return new AcmeSettings(directory, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_POLL_BOUND, Optional.empty());
    }

    public AcmeSettings withContactEmail(String email) {
        return new AcmeSettings(directory, Optional.of(email), eab, profile, connectTimeout, readTimeout, pollBound,
                trustedCa);
    }

    public AcmeSettings withExternalAccountBinding(String keyId, String hmacKey) {
        return new AcmeSettings(directory, contactEmail, Optional.of(new ExternalAccountBinding(keyId, hmacKey)),
                profile, connectTimeout, readTimeout, pollBound, trustedCa);
    }

    public AcmeSettings withProfile(String name) {
        return new AcmeSettings(directory, contactEmail, eab, Optional.of(name), connectTimeout, readTimeout,
                pollBound, trustedCa);
    }

    public AcmeSettings withTimeouts(Duration connect, Duration read) {
        return new AcmeSettings(directory, contactEmail, eab, profile, connect, read, pollBound, trustedCa);
    }

    public AcmeSettings withPollBound(Duration bound) {
        return new AcmeSettings(directory, contactEmail, eab, profile, connectTimeout, readTimeout, bound,
                trustedCa);
    }

    public AcmeSettings withTrustedCa(Path pemFile) {
        return new AcmeSettings(directory, contactEmail, eab, profile, connectTimeout, readTimeout, pollBound,
                Optional.of(pemFile));
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    private static void checkEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.startsWith("mailto:")
                || email.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '<' || c == '>')) {
            throw new IllegalArgumentException("ACME contact must be a plain e-mail address: " + email);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
