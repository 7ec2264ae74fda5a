package dev.portico.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** Where a custom domain stands, as its tenant sees it. The wire name is the lower-case form, e.g. {@code pending_dns}. */
public enum DomainStatus {
    /** Registered, but the name does not route to the edge yet; Portico re-checks with backoff. */
    PENDING_DNS,
    /** The CA is validating the HTTP-01 challenge. */
    VALIDATING,
    /** Validated; the certificate is being finalized and stored. */
    ISSUING,
    /** A certificate is stored and served. */
    ACTIVE,
    /** A renewal is under way or retrying; the current certificate is still served. */
    RENEWING,
    /** Issuance stopped; the record's reason says what happened and what to do. */
    FAILED,
    /** Deleted by its tenant; nothing is served for it. */
    REMOVED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** True when the edge has a certificate to serve for a domain in this status. */
    public boolean isServing() {
        return this == ACTIVE || this == RENEWING;
    }

    public static Optional<DomainStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
