package dev.portico.store.redis;

import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** HTTP-01 answers as short-lived hashes, shared by every edge proxy. */
public final class RedisChallengeStore implements ChallengeStore {
    // KEYS: the token's hash. ARGV: fields and values, then the TTL in ms. One script: never an answer without TTL.
    private static final LuaScript PUT = new LuaScript("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1""");

    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisChallengeStore(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void put(Http01Challenge challenge, Duration ttl) throws StoreException {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("challenge TTL must be at least 1 ms, got " + ttl);
        }
        List<String> scriptKeys = List.of(keys.http01(challenge.token()));
        List<String> args = List.of(RedisHashes.DOMAIN, challenge.domain().ascii(), RedisHashes.KEY_AUTHORIZATION,
                challenge.keyAuthorization(), Long.toString(ttl.toMillis()));
        redis.call("store challenge for " + challenge.domain(), r -> PUT.run(r, scriptKeys, args));
    }

    @Override
    public Optional<String> answer(String token, String host) throws StoreException {
        // Junk from the internet is refused before it costs a round trip or addresses a key.
        Optional<String> wanted = normalizeHost(host);
        if (!Http01Challenge.isWellFormedToken(token) || wanted.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.http01(token);
        List<String> values = redis.call("read challenge",
                r -> r.hmget(key, RedisHashes.DOMAIN, RedisHashes.KEY_AUTHORIZATION));
        String domain = values.get(0);
        String keyAuthorization = values.get(1);
        if (domain == null || keyAuthorization == null || !domain.equals(wanted.get())) {
            return Optional.empty();
        }
        return Optional.of(keyAuthorization);
    }

    @Override
    public void remove(String token) throws StoreException {
        if (Http01Challenge.isWellFormedToken(token)) {
            String key = keys.http01(token);
            redis.call("remove challenge", r -> r.del(key));
        }
    }

    /**
     * The name in a Host header as stored: lower case, without port or trailing dot. Pebble and real CAs send
     * {@code Host: name:port}. An IP literal can never be a stored domain, so it normalizes to nothing.
     */
    static Optional<String> normalizeHost(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = host;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (name.indexOf(':', colon + 1) >= 0) {
                return Optional.empty();
            }
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
