package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.StoreException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/** The open order of each domain as a string key that expires with the order. */
public final class RedisOrderLedger implements OrderLedger {
    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisOrderLedger(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void remember(DomainName domain, URI order, Duration ttl) throws StoreException {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("order TTL must be positive, got " + ttl);
        }
        String key = keys.order(domain);
        redis.call("remember order of " + domain,
                r -> r.set(key, order.toString(), SetParams.setParams().px(ttl.toMillis())));
    }

    @Override
    public Optional<URI> find(DomainName domain) throws StoreException {
        String key = keys.order(domain);
        String value = redis.call("read order of " + domain, r -> r.get(key));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(value));
        } catch (java.net.URISyntaxException e) {
            throw new StoreException("stored order of " + domain + " is not a URL: " + value, e);
        }
    }

    @Override
    public void forget(DomainName domain) throws StoreException {
        String key = keys.order(domain);
        redis.call("forget order of " + domain, r -> r.del(key));
    }
}
