package dev.portico.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by digest, sending its source only when Redis does not know it yet (after a restart, a failover
 * or SCRIPT FLUSH). Scripts are how a multi-key write stays all-or-nothing; Redis 7 refuses a script's first write
 * when out of memory and never stops one half way, so a failed script has written nothing.
 */
final class LuaScript {
    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            this.sha1 = HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Runs the script; an integer reply comes back as a {@code Long}. */
    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /** Runs a script that answers with an integer. */
    long runForLong(UnifiedJedis redis, List<String> keys, List<String> args) {
        return (Long) run(redis, keys, args);
    }
}
