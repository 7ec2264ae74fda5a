package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.StoreException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Leases as {@code SET NX PX} with a random owner token. Release and extend compare the token inside Redis, in one
 * script, so a holder whose lease ran out can never release or prolong the lock of whoever took it next.
 */
public final class RedisIssuanceLocks implements IssuanceLocks {
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""");
    private static final LuaScript EXTEND = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final SecureRandom random = new SecureRandom();

    public RedisIssuanceLocks(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<Lock> tryAcquire(DomainName domain, Duration lease) throws StoreException {
        long leaseMillis = leaseMillis(lease);
        String key = keys.issueLock(domain);
        String owner = newOwnerToken();
        String reply = redis.call("lock issuance of " + domain,
                r -> r.set(key, owner, SetParams.setParams().nx().px(leaseMillis)));
        return "OK".equals(reply) ? Optional.of(new RedisLock(domain, key, owner)) : Optional.empty();
    }

    /** 128 random bits: unguessable, so no other process can forge an owner by accident or on purpose. */
    private String newOwnerToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static long leaseMillis(Duration lease) {
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("lock lease must be at least 1 ms, got " + lease);
        }
        return lease.toMillis();
    }

    private final class RedisLock implements Lock {
        private final DomainName domain;
        private final String key;
        private final String owner;

        RedisLock(DomainName domain, String key, String owner) {
            this.domain = domain;
            this.key = key;
            this.owner = owner;
        }

        @Override
        public DomainName domain() {
            return domain;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public boolean extend(Duration lease) throws StoreException {
            List<String> args = List.of(owner, Long.toString(leaseMillis(lease)));
            return redis.call("extend issuance lock of " + domain,
                    r -> EXTEND.runForLong(r, List.of(key), args)) == 1;
        }

        @Override
        public boolean release() throws StoreException {
            return redis.call("release issuance lock of " + domain,
                    r -> RELEASE.runForLong(r, List.of(key), List.of(owner))) == 1;
        }

        @Override
        public String toString() {
            return "RedisLock[" + domain + "]";
        }
    }
}
