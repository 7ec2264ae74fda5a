package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Three sorted sets of domain names scored in epoch milliseconds: renew-at, next renewal-information check, and
 * not-after. Milliseconds stay exact in a score (a double holds integers up to 2^53), so ties and ordering are what
 * the instants say. Reading what is due is one {@code ZRANGE BYSCORE ... LIMIT}, whatever the number of domains.
 */
public final class RedisRenewalIndex implements RenewalIndex {
    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisRenewalIndex(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void schedule(DomainName domain, Instant renewAt) throws StoreException {
        String key = keys.renewals();
        redis.call("schedule renewal of " + domain, r -> r.zadd(key, renewAt.toEpochMilli(), domain.ascii()));
    }

    @Override
    public void unschedule(DomainName domain) throws StoreException {
        redis.call("unschedule renewal of " + domain, r -> removeFromAll(r, keys, domain));
    }

    /** The domain out of every renewal index and its failure count gone: what a removal's script does, unscripted. */
    static long removeFromAll(UnifiedJedis redis, RedisKeys keys, DomainName domain) {
        for (String key : keys.renewalIndexes()) {
            redis.zrem(key, domain.ascii());
        }
        return redis.hdel(keys.renewalFailureCounts(), domain.ascii());
    }

    @Override
    public List<DomainName> due(Instant now, int limit) throws StoreException {
        return upTo(keys.renewals(), now, limit, "read due renewals");
    }

    @Override
    public long countDue(Instant now) throws StoreException {
        String key = keys.renewals();
        return redis.call("count due renewals", r -> r.zcount(key, Double.NEGATIVE_INFINITY, now.toEpochMilli()));
    }

    @Override
    public void recordExpiry(DomainName domain, Instant notAfter) throws StoreException {
        String key = keys.expiries();
        redis.call("record expiry of " + domain, r -> r.zadd(key, notAfter.toEpochMilli(), domain.ascii()));
    }

    @Override
    public long countExpiring(Instant from, Instant to) throws StoreException {
        String key = keys.expiries();
        // Exclusive upper bound, so adjacent buckets never count a certificate twice.
        return redis.call("count expiring certificates",
                r -> r.zcount(key, Long.toString(from.toEpochMilli()), "(" + to.toEpochMilli()));
    }

    @Override
    public void scheduleRenewalInfoCheck(DomainName domain, Instant at) throws StoreException {
        String key = keys.renewalInfoChecks();
        redis.call("schedule renewal-information check of " + domain,
                r -> r.zadd(key, at.toEpochMilli(), domain.ascii()));
    }

    @Override
    public List<DomainName> renewalInfoChecksDue(Instant now, int limit) throws StoreException {
        return upTo(keys.renewalInfoChecks(), now, limit, "read due renewal-information checks");
    }

    private List<DomainName> upTo(String key, Instant now, int limit, String action) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        ZRangeParams upToNow = ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, now.toEpochMilli())
                .limit(0, limit);
        List<String> names = redis.call(action, r -> r.zrange(key, upToNow));
        return names.stream().map(DomainName::ofTrusted).toList();
    }
}
