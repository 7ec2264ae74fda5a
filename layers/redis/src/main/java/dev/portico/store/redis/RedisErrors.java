package dev.portico.store.redis;

import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoreUnavailableException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns Jedis's unchecked exceptions into the core's checked ones. The split that matters to callers: unavailable
 * (retrying later may help) versus an error that needs a person, whose message says what to change.
 */
final class RedisErrors {
    private RedisErrors() {
    }

    static StoreException map(String action, String endpoint, Duration waited, JedisException e) {
        // The pool wraps what went wrong while opening a connection, so look through the whole chain.
        JedisDataException reply = find(e, JedisDataException.class);
        if (reply != null) {
            return fromReply(action, endpoint, waited, reply);
        }
        if (find(e, CertificateException.class) != null) {
            return new StoreException("cannot " + action + ": the TLS certificate of Redis at " + endpoint
                    + " is not trusted (" + rootMessage(e) + "); set PORTICO_REDIS_CA_FILE to the PEM of the CA that"
                    + " signed it, and connect by a name or address the certificate lists", e);
        }
        // Everything else that Jedis raises is the connection failing: refused, reset, timed out, pool exhausted.
        return new StoreUnavailableException(endpoint, waited, e);
    }

    private static StoreException fromReply(String action, String endpoint, Duration waited, JedisDataException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String code = message.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        String where = "cannot " + action + ": Redis at " + endpoint;
        return switch (code) {
            case "NOAUTH", "WRONGPASS" -> new StoreException(where + " refused authentication (" + code + "); set"
                    + " PORTICO_REDIS_PASSWORD (and PORTICO_REDIS_USERNAME for an ACL user) to credentials it"
                    + " accepts (ElastiCache: the AUTH token or RBAC user)", e);
            case "NOPERM" -> new StoreException(where + " denied the command to this user (NOPERM); grant the user"
                    + " +@all (or the hash, sorted set, string and scripting commands) on the Portico keys", e);
            case "OOM" -> new StoreException(where + " is out of memory (maxmemory reached with a no-eviction"
                    + " policy) and refused the write, so nothing was written; free memory, raise maxmemory or scale"
                    + " the node, then retry", e);
            case "READONLY" -> new StoreException(where + " is a read-only replica; point PORTICO_REDIS_URL at the"
                    + " primary (ElastiCache: the primary endpoint, not the reader endpoint)", e);
            case "WRONGTYPE" -> new StoreException(where + " holds a key of another type where Portico expects its"
                    + " own; another application shares this Redis: give Portico its own database or set"
                    + " PORTICO_REDIS_KEY_PREFIX", e);
            // Transient states: the server is up but cannot serve right now; callers retry like any outage.
            case "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN" ->
                    new StoreUnavailableException(endpoint, waited, e);
            default -> new StoreException(where + " answered with an error: " + message, e);
        };
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
