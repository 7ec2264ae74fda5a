package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.InvalidCursorException;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Domain records as hashes, indexed per tenant in a lexicographic sorted set. Every write that touches more than
 * one key is a Lua script, so the record and its index entries change together.
 */
public final class RedisDomainStore implements DomainStore {
    public static final int MAX_PAGE = 1000;

    // KEYS: record, tenant index. ARGV: name, then the record's fields and values.
    private static final LuaScript CREATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('ZADD', KEYS[2], 0, ARGV[1])
            return 1""");
    // KEYS: record. ARGV: tenant field, owning tenant, then fields and values. DEL first: absent means absent.
    private static final LuaScript UPDATE = new LuaScript("""
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            return 1""");
    // KEYS: record, tenant index, the renewal indexes (sorted sets), the failure counts (hash).
    // ARGV: tenant field, owner read beforehand, name.
    private static final LuaScript REMOVE = new LuaScript("""
            local owner = redis.call('HGET', KEYS[1], ARGV[1])
            if not owner then return 0 end
            if owner ~= ARGV[2] then return -1 end
            redis.call('DEL', KEYS[1])
            for i = 2, #KEYS - 1 do redis.call('ZREM', KEYS[i], ARGV[3]) end
            redis.call('HDEL', KEYS[#KEYS], ARGV[3])
            return 1""");

    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisDomainStore(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<DomainRecord> find(DomainName domain) throws StoreException {
        String key = keys.domain(domain);
        Map<String, String> fields = redis.call("read domain " + domain, r -> r.hgetAll(key));
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashes.domainRecord(domain, key, fields));
    }

    @Override
    public boolean create(DomainRecord record) throws StoreException {
        List<String> args = new ArrayList<>();
        args.add(record.domain().ascii());
        args.addAll(RedisHashes.flatten(RedisHashes.domainFields(record)));
        List<String> scriptKeys = List.of(keys.domain(record.domain()), keys.tenantDomains(record.tenant()));
        return redis.call("create domain " + record.domain(), r -> CREATE.runForLong(r, scriptKeys, args)) == 1;
    }

    @Override
    public boolean update(DomainRecord record) throws StoreException {
        List<String> args = new ArrayList<>(List.of(RedisHashes.TENANT, record.tenant().value()));
        args.addAll(RedisHashes.flatten(RedisHashes.domainFields(record)));
        List<String> scriptKeys = List.of(keys.domain(record.domain()));
        return redis.call("update domain " + record.domain(), r -> UPDATE.runForLong(r, scriptKeys, args)) == 1;
    }

    @Override
    public boolean remove(DomainName domain) throws StoreException {
        String key = keys.domain(domain);
        // The tenant index key depends on the owner, which only the record knows: read it, then let the script
        // confirm it is unchanged. A mismatch means a concurrent remove and re-create by another tenant: read again.
        for (int attempt = 0; attempt < 3; attempt++) {
            String owner = redis.call("read owner of " + domain, r -> r.hget(key, RedisHashes.TENANT));
            if (owner == null) {
                // Renewal entries left without a record (a wiped record, a partial restore) go too.
                redis.call("unschedule renewal of " + domain, r -> RedisRenewalIndex.removeFromAll(r, keys, domain));
                return false;
            }
            List<String> scriptKeys = removalKeys(key, keys.tenantDomains(storedTenant(key, owner)));
            List<String> args = List.of(RedisHashes.TENANT, owner, domain.ascii());
            long removed = redis.call("remove domain " + domain, r -> REMOVE.runForLong(r, scriptKeys, args));
            if (removed >= 0) {
                return removed == 1;
            }
        }
        throw new StoreException("cannot remove domain " + domain + ": it changed owner during each of 3 attempts;"
                + " retry the removal");
    }

    @Override
    public Removal remove(DomainName domain, TenantId owner) throws StoreException {
        List<String> scriptKeys = removalKeys(keys.domain(domain), keys.tenantDomains(owner));
        List<String> args = List.of(RedisHashes.TENANT, owner.value(), domain.ascii());
        long removed = redis.call("remove domain " + domain, r -> REMOVE.runForLong(r, scriptKeys, args));
        return removed == 1 ? Removal.REMOVED : removed == 0 ? Removal.ABSENT : Removal.OWNED_BY_ANOTHER;
    }

    private List<String> removalKeys(String record, String tenantIndex) {
        List<String> all = new ArrayList<>(List.of(record, tenantIndex));
        all.addAll(keys.renewalIndexes());
        all.add(keys.renewalFailureCounts());
        return all;
    }

    @Override
    public Page<DomainName> listByTenant(TenantId tenant, Optional<String> cursor, int limit) throws StoreException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        String from = cursor.isPresent() ? "(" + decodeCursor(cursor.get()).ascii() : "-";
        String key = keys.tenantDomains(tenant);
        // One more than asked tells whether another page exists, so the last page carries no cursor.
        List<String> names = redis.call("list domains of tenant " + tenant,
                r -> r.zrange(key, ZRangeParams.zrangeByLexParams(from, "+").limit(0, limit + 1)));
        List<DomainName> items = new ArrayList<>(Math.min(names.size(), limit));
        for (String name : names.subList(0, Math.min(names.size(), limit))) {
            items.add(DomainName.ofTrusted(name));
        }
        Optional<String> next = names.size() > limit ? Optional.of(encodeCursor(items.getLast())) : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public long countByTenant(TenantId tenant) throws StoreException {
        String key = keys.tenantDomains(tenant);
        return redis.call("count domains of tenant " + tenant, r -> r.zcard(key));
    }

    private static TenantId storedTenant(String key, String owner) throws StoreException {
        try {
            return new TenantId(owner);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the Redis hash " + key + " names an invalid tenant; it was not written by this"
                    + " version of Portico: inspect it with HGETALL, then delete the key", e);
        }
    }

    /** The cursor is the last name of the page, encoded so callers treat it as opaque. */
    private static String encodeCursor(DomainName last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.ascii().getBytes(StandardCharsets.US_ASCII));
    }

    private static DomainName decodeCursor(String cursor) throws StoreException {
        try {
            return DomainName.ofTrusted(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
    }
}
