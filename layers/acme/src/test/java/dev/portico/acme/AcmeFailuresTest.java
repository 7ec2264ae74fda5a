package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/** Which of our exceptions each CA problem becomes: the table a caller's retry and status logic rests on. */
class AcmeFailuresTest {
    private static final URI DIRECTORY = URI.create("https://ca.example/dir");
    private static final DomainName DOMAIN = DomainName.ofTrusted("shop.customer.example");
    private static final AcmeFailures FAILURES = new AcmeFailures(DIRECTORY);

    static Stream<Arguments> problems() {
        return Stream.of(
                // type, from validation?, expected exception
                Arguments.of("dns", true, AcmeInvalidException.class),
                Arguments.of("connection", true, AcmeInvalidException.class),
                Arguments.of("incorrectResponse", true, AcmeInvalidException.class),
                Arguments.of("unauthorized", true, AcmeInvalidException.class),
                Arguments.of("tls", true, AcmeInvalidException.class),
                Arguments.of("caa", false, AcmeInvalidException.class),
                Arguments.of("rejectedIdentifier", false, AcmeInvalidException.class),
                Arguments.of("unsupportedIdentifier", false, AcmeInvalidException.class),
                // A refused request with "unauthorized" is about the account, not the domain's answer.
                Arguments.of("unauthorized", false, AcmeRejectedException.class),
                Arguments.of("rateLimited", false, AcmeRateLimitedException.class),
                Arguments.of("serverInternal", false, AcmeServerErrorException.class),
                Arguments.of("badNonce", false, AcmeServerErrorException.class),
                Arguments.of("malformed", false, AcmeRejectedException.class),
                Arguments.of("badCSR", false, AcmeRejectedException.class),
                Arguments.of("externalAccountRequired", false, AcmeRejectedException.class),
                Arguments.of("accountDoesNotExist", false, AcmeRejectedException.class),
                Arguments.of("somethingNew", true, AcmeRejectedException.class));
    }

    @ParameterizedTest(name = "{0} (validation={1}) -> {2}")
    @MethodSource("problems")
    void mapsProblemTypes(String type, boolean validation, Class<? extends AcmeException> expected) {
        AcmeProblem problem = AcmeProblem.of(type, "the CA's words");
        AcmeException mapped = FAILURES.fromProblem(Optional.of(DOMAIN), "validating", problem, validation, null);
        assertThat(mapped).isExactlyInstanceOf(expected).hasMessageContaining("the CA's words");
        if (mapped instanceof AcmeInvalidException invalid) {
            assertThat(invalid.getAdvice()).contains(DOMAIN.ascii());
            assertThat(invalid.getMessage()).contains(DOMAIN.ascii());
        }
    }

    @Test
    void withoutADomainNothingIsBlamedOnATenant() {
        assertThat(FAILURES.fromProblem(Optional.empty(), "creating the account", AcmeProblem.of("dns", "x"), true,
                null)).isExactlyInstanceOf(AcmeRejectedException.class);
    }

    @Test
    void aCompoundProblemIsJudgedByItsFirstSubproblem() throws Exception {
        Problem compound = new Problem(JSON.parse("""
                {"type": "urn:ietf:params:acme:error:compound", "detail": "several names failed",
                 "subproblems": [{"type": "urn:ietf:params:acme:error:caa", "detail": "CAA forbids",
                                  "identifier": {"type": "dns", "value": "shop.customer.example"}}]}"""),
                url("https://ca.example/order/1"));
        AcmeException mapped = FAILURES.map(Optional.of(DOMAIN), "finalizing the order",
                new AcmeServerException(compound));
        assertThat(mapped).isInstanceOfSatisfying(AcmeInvalidException.class, e -> {
            assertThat(e.getProblem().effectiveType()).isEqualTo("caa");
            assertThat(e.getMessage()).contains("shop.customer.example: \"CAA forbids\" [caa]");
        });
    }

    @Test
    void rateLimitsKeepTheirRetryAfterAndDocuments() throws Exception {
        Instant later = Instant.parse("2026-12-01T00:00:00Z");
        Problem problem = new Problem(JSON.parse("""
                {"type": "urn:ietf:params:acme:error:rateLimited", "detail": "too many certificates"}"""),
                url("https://ca.example/new-order"));
        AcmeException mapped = FAILURES.map(Optional.of(DOMAIN), "creating the order",
                new org.shredzone.acme4j.exception.AcmeRateLimitedException(problem, later,
                        List.of(url("https://ca.example/docs/rate-limits"))));
        assertThat(mapped).isInstanceOfSatisfying(AcmeRateLimitedException.class, e -> {
            assertThat(e.getRetryAfter()).contains(later);
            assertThat(e.getDocuments()).containsExactly(URI.create("https://ca.example/docs/rate-limits"));
            assertThat(e.getProblem().detail()).contains("too many certificates");
        });
    }

    @Test
    void networkAndHttpErrorsWithoutAProblemDocument() {
        assertThat(FAILURES.map(Optional.empty(), "reading the directory",
                new org.shredzone.acme4j.exception.AcmeNetworkException(new ConnectException("refused"))))
                .isExactlyInstanceOf(AcmeNetworkException.class)
                .hasMessageContaining("ConnectException: refused");
        assertThat(FAILURES.map(Optional.empty(), "creating the order",
                new org.shredzone.acme4j.exception.AcmeException("HTTP 503")))
                .isExactlyInstanceOf(AcmeServerErrorException.class);
        assertThat(FAILURES.map(Optional.empty(), "creating the order",
                new org.shredzone.acme4j.exception.AcmeException("HTTP 404")))
                .isExactlyInstanceOf(AcmeException.class);
    }

    @Test
    void lazyLoadingFailuresAreUnwrapped() {
        var cause = new org.shredzone.acme4j.exception.AcmeNetworkException(new IOException("reset"));
        URL order = url("https://ca.example/order/1");
        assertThatThrownBy(() -> FAILURES.call(Optional.empty(), "reading", () -> {
            throw new org.shredzone.acme4j.exception.AcmeLazyLoadingException(org.shredzone.acme4j.Order.class,
                    order, cause);
        })).isExactlyInstanceOf(AcmeNetworkException.class);
    }

    private static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
