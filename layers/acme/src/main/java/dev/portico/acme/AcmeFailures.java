package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Turns acme4j's exceptions and the CA's problem documents into Portico's, in one place, so every call site maps the
 * same way. acme4j's exception names clash with ours, hence the qualified names below.
 */
final class AcmeFailures {
    /** acme4j reports an HTTP error without a problem document only in its message, e.g. {@code HTTP 503}. */
    private static final Pattern HTTP_STATUS = Pattern.compile("\\bHTTP (\\d{3})\\b");

    @FunctionalInterface
    interface Call<T> {
        T call() throws org.shredzone.acme4j.exception.AcmeException, InterruptedException;
    }

    private final URI directory;

    AcmeFailures(URI directory) {
        this.directory = directory;
    }

    /** Runs one acme4j call; {@code doing} completes "while ...", e.g. "creating the order". */
    <T> T call(Optional<DomainName> domain, String doing, Call<T> call) throws AcmeException {
        try {
            return call.call();
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw map(domain, doing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeException("interrupted while " + doing, e);
        } catch (AcmeLazyLoadingException e) {
            // acme4j loads resources on first getter use and wraps the checked failure in this runtime exception.
            throw e.getCause() instanceof org.shredzone.acme4j.exception.AcmeException cause
                    ? map(domain, doing, cause)
                    : new AcmeException("failed while " + doing + ": " + e.getMessage(), e);
        } catch (AcmeNotSupportedException e) {
            throw new AcmeConfigurationException("the CA at " + directory + " does not support what was asked while "
                    + doing + ": " + e.getMessage(), e);
        } catch (AcmeProtocolException e) {
            throw new AcmeServerErrorException("the CA at " + directory + " sent a response that breaks the ACME "
                    + "protocol while " + doing + ": " + e.getMessage(), null, null, e);
        }
    }

    AcmeException map(Optional<DomainName> domain, String doing, org.shredzone.acme4j.exception.AcmeException e) {
        if (e instanceof org.shredzone.acme4j.exception.AcmeNetworkException) {
            Optional<SSLHandshakeException> untrusted = untrustedCertificate(e);
            if (untrusted.isPresent()) {
                // Retrying cannot fix trust, so this is not the retryable network failure it looks like.
                return new AcmeConfigurationException("the TLS certificate of the CA at " + directory
                        + " is not trusted (" + untrusted.get().getMessage() + "); for a private or test CA, set "
                        + "the trusted CA file to the PEM of the CA that signs it", e);
            }
            return new AcmeNetworkException(directory, e.getCause() != null ? e.getCause() : e);
        }
        if (e instanceof org.shredzone.acme4j.exception.AcmeRateLimitedException limited) {
            return new AcmeRateLimitedException(AcmeProblem.from(limited.getProblem()),
                    limited.getRetryAfter().orElse(null), uris(limited.getDocuments()), e);
        }
        if (e instanceof AcmeUserActionRequiredException action) {
            AcmeProblem problem = AcmeProblem.from(action.getProblem());
            return new AcmeRejectedException("the CA requires the account holder to act before " + doing
                    + action.getTermsOfServiceUri().map(tos -> ": agree to its new terms at " + tos).orElse("")
                    + "; it said: " + problem.describe(), problem, e);
        }
        if (e instanceof AcmeServerException server) {
            return fromProblem(domain, doing, AcmeProblem.from(server.getProblem()), false, e);
        }
        Matcher status = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
        if (status.find() && status.group(1).startsWith("5")) {
            return new AcmeServerErrorException("the CA at " + directory + " failed while " + doing + ": "
                    + e.getMessage(), null, null, e);
        }
        return new AcmeException("the CA at " + directory + " failed while " + doing + ": " + e.getMessage(), e);
    }

    /**
     * Maps a problem by its type. {@code validation} says whether it is the outcome of validating the domain (the
     * error of a challenge or order) rather than the refusal of a request: an {@code unauthorized} refusal is about
     * the account, an {@code unauthorized} validation result is about the domain's answer.
     */
    AcmeException fromProblem(Optional<DomainName> domain, String doing, AcmeProblem problem, boolean validation,
            Throwable cause) {
        String type = problem.effectiveType();
        if (type.equals("rateLimited")) {
            return new AcmeRateLimitedException(problem, null, List.of(), cause);
        }
        if (type.equals("serverInternal") || type.equals("badNonce")) {
            return new AcmeServerErrorException("the CA at " + directory + " failed while " + doing + ": "
                    + problem.describe(), problem, null, cause);
        }
        Optional<String> advice = domain.flatMap(d -> advice(type, d, validation));
        if (advice.isPresent()) {
            AcmeInvalidException invalid = new AcmeInvalidException(domain.get(), problem, advice.get());
            if (cause != null) {
                invalid.initCause(cause);
            }
            return invalid;
        }
        return new AcmeRejectedException("the CA at " + directory + " refused a request while " + doing + ": "
                + problem.describe(), problem, cause);
    }

    /** What the tenant should check, for the problem types that are about the domain itself. */
    static Optional<String> advice(String type, DomainName domain, boolean validation) {
        String d = domain.unicode();
        return Optional.ofNullable(switch (type) {
            case "dns" -> "the CA could not look up " + d + " in DNS: check that the name exists and that its "
                    + "CNAME or A/AAAA records point to our edge";
            case "connection" -> "the CA could not connect to " + d + " on port 80: check that its DNS points to "
                    + "our edge and that nothing (a firewall, another proxy) blocks plain HTTP on port 80";
            case "incorrectResponse" -> wrongAnswer(d);
            case "unauthorized" -> validation ? wrongAnswer(d) : null;
            case "tls" -> "the CA hit a TLS error following a redirect from http://" + d + ": check that plain HTTP "
                    + "requests to it reach our edge directly, without a redirect to another server";
            case "caa" -> "a CAA record on " + d + " or a parent domain does not allow this CA: add a CAA record "
                    + "that allows it, or remove the restriction";
            case "rejectedIdentifier", "unsupportedIdentifier" -> "the CA's policy does not allow a certificate for "
                    + d + ": this name cannot be used as a custom domain with this CA";
            default -> null;
        });
    }

    private static String wrongAnswer(String d) {
        return "the CA reached " + d + " but did not get our challenge answer: check that all its A and AAAA "
                + "records (IPv6 too) point to our edge and that no other server or CDN in front of it answers "
                + "/.well-known/acme-challenge/";
    }

    private static Optional<SSLHandshakeException> untrustedCertificate(Throwable failure) {
        SSLHandshakeException handshake = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SSLHandshakeException h && handshake == null) {
                handshake = h;
            }
            if (handshake != null && (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException)) {
                return Optional.of(handshake);
            }
        }
        return Optional.empty();
    }

    private static List<URI> uris(java.util.Collection<URL> urls) {
        return urls.stream().flatMap(url -> {
            try {
                return java.util.stream.Stream.of(url.toURI());
            } catch (URISyntaxException e) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }
}
