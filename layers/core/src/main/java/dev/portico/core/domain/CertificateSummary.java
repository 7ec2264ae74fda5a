package dev.portico.core.domain;

import java.time.Instant;
import java.util.Objects;

/** What a domain record says about its current certificate: enough to show status and plan renewal. */
public record CertificateSummary(String serial, Instant notBefore, Instant notAfter) {
    public CertificateSummary {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        notBefore = notBefore.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        notAfter = notAfter.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }
}
