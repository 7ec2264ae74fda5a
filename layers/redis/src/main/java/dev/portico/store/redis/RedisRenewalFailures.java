package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.RenewalFailures;
import dev.portico.core.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.resps.Tuple;

/**
 * A sorted set of failing domains scored by the start of their streak, beside a hash of streak lengths; a script
 * changes both, so a reader never sees a streak without its count.
 */
public final class RedisRenewalFailures implements RenewalFailures {
    // KEYS: streak starts, counts. ARGV: name, now (ms). ZADD NX keeps the first failure's time.
    private static final LuaScript RECORD = new LuaScript("""
            redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
            local n = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            return {n, redis.call('ZSCORE', KEYS[1], ARGV[1])}""");

    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisRenewalFailures(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Streak recordFailure(DomainName domain, Instant now) throws StoreException {
        List<String> scriptKeys = List.of(keys.renewalFailures(), keys.renewalFailureCounts());
        List<String> args = List.of(domain.ascii(), Long.toString(now.toEpochMilli()));
        List<?> reply = redis.call("record a failed renewal of " + domain,
                r -> (List<?>) RECORD.run(r, scriptKeys, args));
        long failures = (Long) reply.get(0);
        long since = Long.parseLong(reply.get(1).toString());
        return new Streak(domain, Instant.ofEpochMilli(since), (int) Math.min(Integer.MAX_VALUE, failures));
    }

    @Override
    public void clear(DomainName domain) throws StoreException {
        redis.call("clear the failed renewals of " + domain, r -> {
            r.zrem(keys.renewalFailures(), domain.ascii());
            return r.hdel(keys.renewalFailureCounts(), domain.ascii());
        });
    }

    @Override
    public Optional<Streak> find(DomainName domain) throws StoreException {
        Double since = redis.call("read the failed renewals of " + domain,
                r -> r.zscore(keys.renewalFailures(), domain.ascii()));
        return since == null ? Optional.empty() : Optional.of(streak(domain.ascii(), since));
    }

    @Override
    public long count() throws StoreException {
        return redis.call("count failing renewals", r -> r.zcard(keys.renewalFailures()));
    }

    @Override
    public Optional<Streak> oldest() throws StoreException {
        List<Tuple> first = redis.call("read the oldest failing renewal",
                r -> r.zrangeWithScores(keys.renewalFailures(), 0, 0));
        return first.isEmpty() ? Optional.empty()
                : Optional.of(streak(first.getFirst().getElement(), first.getFirst().getScore()));
    }

    private Streak streak(String name, double since) throws StoreException {
        String count = redis.call("read the failed renewal count of " + name,
                r -> r.hget(keys.renewalFailureCounts(), name));
        int failures = count == null ? 1 : Integer.parseInt(count);
        return new Streak(DomainName.ofTrusted(name), Instant.ofEpochMilli((long) since), Math.max(1, failures));
    }
}
