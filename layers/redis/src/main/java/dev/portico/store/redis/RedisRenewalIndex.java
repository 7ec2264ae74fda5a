package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.params.ZRangeParams;

/**
 * One sorted set of domain names scored by renew-at in epoch milliseconds. Milliseconds stay exact in a score (a
 * double holds integers up to 2^53), so ties and ordering are what the instants say.
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
        String key = keys.renewals();
        redis.call("unschedule renewal of " + domain, r -> r.zrem(key, domain.ascii()));
    }

    @Override
    public List<DomainName> due(Instant now, int limit) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String key = keys.renewals();
        ZRangeParams upToNow = ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, now.toEpochMilli())
                .limit(0, limit);
        List<String> names = redis.call("read due renewals", r -> r.zrange(key, upToNow));
        return names.stream().map(DomainName::ofTrusted).toList();
    }
}
