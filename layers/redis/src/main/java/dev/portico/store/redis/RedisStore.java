package dev.portico.store.redis;

import dev.portico.core.store.AccountKeyStore;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.RateLimiter;
import dev.portico.core.store.ReconcileMarker;
import dev.portico.core.store.RenewalFailures;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;

/**
 * The Redis store as the rest of Portico uses it: one connection pool and the views on it. Open one per process
 * (a Lambda container or an edge proxy) and close it on shutdown.
 *
 * <pre>{@code
 * try (RedisStore store = RedisStore.fromEnvironment()) {
 *     store.domains().create(record);
 * }
 * }</pre>
 */
public final class RedisStore implements AutoCloseable {
    private final RedisConnection connection;
    private final RedisKeys keys;
    private final RedisDomainStore domains;
    private final RedisCertificateStore certificates;
    private final RedisChallengeStore challenges;
    private final RedisIssuanceLocks locks;
    private final RedisRenewalIndex renewals;
    private final RedisRenewalFailures renewalFailures;
    private final RedisRateLimiter rateLimiter;
    private final RedisOrderLedger orders;
    private final RedisAccountKeys accountKeys;
    private final RedisReconcileMarker reconcileMarker;

    private RedisStore(RedisConnection connection, RedisKeys keys) {
        this.connection = connection;
        this.keys = keys;
        this.domains = new RedisDomainStore(connection, keys);
        this.certificates = new RedisCertificateStore(connection, keys);
        this.challenges = new RedisChallengeStore(connection, keys);
        this.locks = new RedisIssuanceLocks(connection, keys);
        this.renewals = new RedisRenewalIndex(connection, keys);
        this.renewalFailures = new RedisRenewalFailures(connection, keys);
        this.rateLimiter = new RedisRateLimiter(connection, keys);
        this.orders = new RedisOrderLedger(connection, keys);
        this.accountKeys = new RedisAccountKeys(connection, keys);
        this.reconcileMarker = new RedisReconcileMarker(connection, keys);
    }

    /** Does not connect yet: the first call does, so a process can start while Redis is briefly away. */
    public static RedisStore open(RedisSettings settings) throws StoreException {
        return new RedisStore(RedisConnection.open(settings), new RedisKeys(settings.keyPrefix()));
    }

    /** {@link #open} with {@link RedisSettings#fromEnvironment()}: what a Lambda function or the proxy calls. */
    public static RedisStore fromEnvironment() throws StoreException {
        return open(RedisSettings.fromEnvironment());
    }

    /** {@link #open} with settings from an explicit environment, as the local runner wires functions. */
    public static RedisStore fromEnvironment(java.util.function.Function<String, String> env) throws StoreException {
        return open(RedisSettings.fromEnvironment(env));
    }

    public DomainStore domains() {
        return domains;
    }

    public CertificateStore certificates() {
        return certificates;
    }

    public ChallengeStore challenges() {
        return challenges;
    }

    public IssuanceLocks locks() {
        return locks;
    }

    public RenewalIndex renewals() {
        return renewals;
    }

    public RenewalFailures renewalFailures() {
        return renewalFailures;
    }

    /** Round trips to Redis since this store opened (see {@link RedisConnection#roundTrips}). */
    public long roundTrips() {
        return connection.roundTrips();
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public OrderLedger orders() {
        return orders;
    }

    public AccountKeyStore accountKeys() {
        return accountKeys;
    }

    public ReconcileMarker reconcileMarker() {
        return reconcileMarker;
    }

    public RedisKeys keys() {
        return keys;
    }

    /** {@code host:port} of the server, without credentials. */
    public String endpoint() {
        return connection.endpoint();
    }

    /** One round trip, for health checks; throws {@code StoreUnavailableException} within the timeouts. */
    public void ping() throws StoreException {
        connection.ping();
    }

    @Override
    public void close() {
        connection.close();
    }
}
