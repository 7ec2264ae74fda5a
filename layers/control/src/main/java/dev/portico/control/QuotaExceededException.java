package dev.portico.control;

import dev.portico.core.domain.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant used up one of its registration quotas; nothing was stored. {@link #getRetryAfter()} tells the two kinds
 * apart: present for the per-minute rate (waiting helps), absent for the cap on domains (only removing a domain or
 * a higher cap helps, so a client must not be told to retry).
 */
public class QuotaExceededException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    public enum Quota {
        DOMAINS_PER_TENANT("domain_quota_exceeded"),
        REGISTRATIONS_PER_MINUTE("registration_rate_exceeded");

        private final String code;

        Quota(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final TenantId tenant;
    private final Quota quota;
    private final int limit;
    private final Duration retryAfter;

    private QuotaExceededException(TenantId tenant, Quota quota, int limit, Duration retryAfter, String message) {
        super(quota.code(), message);
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.quota = quota;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    static QuotaExceededException domainCap(TenantId tenant, int limit) {
        return new QuotaExceededException(tenant, Quota.DOMAINS_PER_TENANT, limit, null, "tenant " + tenant
                + " has " + limit + " domains, the most allowed; remove a domain it no longer uses, or ask for a"
                + " higher limit");
    }

    static QuotaExceededException rate(TenantId tenant, int perMinute, Duration retryAfter) {
        return new QuotaExceededException(tenant, Quota.REGISTRATIONS_PER_MINUTE, perMinute,
                Objects.requireNonNull(retryAfter, "retryAfter"), "tenant " + tenant + " registered " + perMinute
                        + " domains within the last minute, the most allowed; retry in " + wholeSeconds(retryAfter)
                        + " s");
    }

    public TenantId getTenant() {
        return tenant;
    }

    public Quota getQuota() {
        return quota;
    }

    /** The limit that was reached: domains in total, or registrations per minute. */
    public int getLimit() {
        return limit;
    }

    /** How long until a registration would be accepted; empty when waiting cannot help. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@link #getRetryAfter()} in whole seconds, rounded up (as HTTP's Retry-After wants), at least 1. */
    public Optional<Long> getRetryAfterSeconds() {
        return getRetryAfter().map(QuotaExceededException::wholeSeconds);
    }

    private static long wholeSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.minusSeconds(d.toSeconds()).isZero() ? 0 : 1);
        return Math.max(1, seconds);
    }

    @Override
    public String getField() {
        return "tenant";
    }
}
