package dev.portico.acme;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The CA's renewal information for one certificate (ACME Renewal Information, RFC 9773): the window in which it
 * suggests renewing, why (when it explains itself, e.g. after a revocation), and when to ask again.
 *
 * @param retryAfter the CA's {@code Retry-After}, as a wait from when it answered: when the answer may change
 */
public record SuggestedWindow(Instant start, Instant end, Optional<URI> explanation, Optional<Duration> retryAfter) {
    public SuggestedWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("suggested window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
