package dev.portico.control.issuance;

import dev.portico.acme.AcmeSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How issuance behaves. Start from {@link #defaults(URI, String)}; every value is checked here so a bad deployment
 * parameter fails at start-up.
 *
 * @param directory         the CA's directory URL; names the account and its order budget
 * @param platformDomain    the platform's domain; tenants point their names at {@code edge.<platformDomain>}
 * @param pollBound         how long one wait for the CA may take (as in {@link AcmeSettings#pollBound()})
 * @param lockLease         the domain lock's lease, renewed at each phase of an order; longer than one wait
 * @param orderBudget       new orders allowed per account per {@code orderBudgetWindow}, across all instances
 * @param probePort         the port the routing probe connects to: 80 in AWS, Pebble's validation port locally
 * @param probeTimeout      connect and read bound of the probe, per address
 * @param maxPendingDns     how long a domain may stay {@code pending_dns} before it fails
 * @param challengeTtl      how long an HTTP-01 answer lives if this process dies before removing it
 * @param maxAttempts       failed tries (CA or store trouble) before giving up
 * @param lockRetry         how soon to come back when another worker holds the domain's lock
 * @param retrySchedule     backoff between failed tries and between routing checks
 */
public record IssuanceSettings(URI directory, String platformDomain, Duration pollBound, Duration lockLease,
        int orderBudget, Duration orderBudgetWindow, int probePort, Duration probeTimeout, Duration maxPendingDns,
        Duration challengeTtl, int maxAttempts, Duration lockRetry, RetrySchedule retrySchedule) {

    public IssuanceSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(platformDomain, "platformDomain");
        Objects.requireNonNull(retrySchedule, "retrySchedule");
        positive("pollBound", pollBound);
        positive("orderBudgetWindow", orderBudgetWindow);
        positive("probeTimeout", probeTimeout);
        positive("maxPendingDns", maxPendingDns);
        positive("challengeTtl", challengeTtl);
        positive("lockRetry", lockRetry);
        if (lockLease.compareTo(pollBound) <= 0) {
            throw new IllegalArgumentException("lock lease " + lockLease + " must outlast one poll bound "
                    + pollBound + ", or a second worker could start while the first still waits for the CA");
        }
        if (orderBudget < 1 || maxAttempts < 1 || probePort < 1 || probePort > 65535) {
            throw new IllegalArgumentException("order budget and max attempts must be positive and the probe port "
                    + "1-65535, got " + orderBudget + ", " + maxAttempts + ", " + probePort);
        }
    }

    /** Let's Encrypt's 300 new orders per 3 hours, probe on port 80, 72 hours to fix DNS, 10 tries. */
    public static IssuanceSettings defaults(URI directory, String platformDomain) {
        Duration poll = AcmeSettings.DEFAULT_POLL_BOUND;
        return new IssuanceSettings(directory, platformDomain, poll, poll.plus(Duration.ofMinutes(2)), 300,
                Duration.ofHours(3), 80, Duration.ofSeconds(5), Duration.ofHours(72), Duration.ofMinutes(10), 10,
                Duration.ofSeconds(30), RetrySchedule.standard());
    }

    /** Sets the poll bound and a lease two minutes longer. */
    public IssuanceSettings withPollBound(Duration bound) {
        return new IssuanceSettings(directory, platformDomain, bound, bound.plus(Duration.ofMinutes(2)), orderBudget,
                orderBudgetWindow, probePort, probeTimeout, maxPendingDns, challengeTtl, maxAttempts, lockRetry,
                retrySchedule);
    }

    public IssuanceSettings withOrderBudget(int limit, Duration window) {
        return new IssuanceSettings(directory, platformDomain, pollBound, lockLease, limit, window, probePort,
                probeTimeout, maxPendingDns, challengeTtl, maxAttempts, lockRetry, retrySchedule);
    }

    public IssuanceSettings withProbe(int port, Duration timeout) {
        return new IssuanceSettings(directory, platformDomain, pollBound, lockLease, orderBudget, orderBudgetWindow,
                port, timeout, maxPendingDns, challengeTtl, maxAttempts, lockRetry, retrySchedule);
    }

    public IssuanceSettings withMaxPendingDns(Duration max) {
        return new IssuanceSettings(directory, platformDomain, pollBound, lockLease, orderBudget, orderBudgetWindow,
                probePort, probeTimeout, max, challengeTtl, maxAttempts, lockRetry, retrySchedule);
    }

    public IssuanceSettings withRetries(int attempts, RetrySchedule schedule) {
        return new IssuanceSettings(directory, platformDomain, pollBound, lockLease, orderBudget, orderBudgetWindow,
                probePort, probeTimeout, maxPendingDns, challengeTtl, attempts, lockRetry, schedule);
    }

    /** The rate-limiter bucket of this account's new orders: short, fixed, and free of URL characters. */
    public String orderBudgetBucket() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    directory.toString().getBytes(StandardCharsets.UTF_8));
            return "orders:account:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Where tenants point their names; the wording of every pending-DNS reason. */
    public String edgeHost() {
        return platformDomain.isBlank() ? "the Portico edge" : "edge." + platformDomain;
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
