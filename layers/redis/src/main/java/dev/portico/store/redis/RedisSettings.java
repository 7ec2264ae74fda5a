package dev.portico.store.redis;

import dev.portico.core.store.StoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach Redis. Build with {@link #of(URI)} and the {@code with...} methods, or {@link #fromEnvironment()}.
 *
 * @param uri            {@code redis://host[:port][/db]} or {@code rediss://...} for TLS; never holds credentials
 * @param username       the ACL user (ElastiCache RBAC); absent for the {@code default} user
 * @param password       the password or ElastiCache AUTH token; never printed
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param socketTimeout  how long to wait for each answer; with connectTimeout it bounds every call
 * @param caFile         PEM file of the CA(s) to trust for TLS instead of the JVM's trust store
 * @param poolSize       the most connections open at once
 * @param keyPrefix      see {@link RedisKeys}
 */
public record RedisSettings(URI uri, Optional<String> username, Optional<String> password, Duration connectTimeout,
        Duration socketTimeout, Optional<Path> caFile, int poolSize, String keyPrefix) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_POOL_SIZE = 8;

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Redis URL must start with redis:// or rediss:// (TLS), got "
                    + uri.getScheme() + "://");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("Redis URL needs a host and no credentials (build it with RedisSettings.of)");
        }
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("a Redis username needs a password");
        }
        if (caFile.isPresent() && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a CA file only applies to TLS: use a rediss:// URL");
        }
        requirePositiveMillis("connect timeout", connectTimeout);
        requirePositiveMillis("socket timeout", socketTimeout);
        if (poolSize < 1 || poolSize > 1024) {
            throw new IllegalArgumentException("pool size must be between 1 and 1024, got " + poolSize);
        }
        databaseOf(uri);
        new RedisKeys(keyPrefix);
    }

    /** Defaults for everything but the address; credentials in the URL's user info are moved out of it. */
    public static RedisSettings of(URI uri) {
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String info = uri.getUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon > 0 ? Optional.of(info.substring(0, colon)) : Optional.empty();
            pass = Optional.of(colon >= 0 ? info.substring(colon + 1) : info).filter(p -> !p.isEmpty());
            try {
                uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid Redis URL", e);
            }
        }
        return new RedisSettings(uri, user, pass, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, Optional.empty(),
                DEFAULT_POOL_SIZE, "");
    }

    /** Reads PORTICO_REDIS_URL, _USERNAME, _PASSWORD, _CA_FILE and _KEY_PREFIX from the process environment. */
    public static RedisSettings fromEnvironment() throws StoreException {
        return fromEnvironment(System::getenv);
    }

    /** The same from an explicit environment: what the local runner passes, as Lambda would. */
    public static RedisSettings fromEnvironment(Function<String, String> env) throws StoreException {
        String url = env.apply("PORTICO_REDIS_URL");
        if (url == null || url.isBlank()) {
            throw new StoreException("PORTICO_REDIS_URL is not set: set it to redis://host:6379, or rediss://host:6379"
                    + " for TLS (ElastiCache: the primary endpoint)");
        }
        try {
            RedisSettings settings = of(new URI(url.strip()));
            Optional<String> user = nonBlank(env.apply("PORTICO_REDIS_USERNAME"));
            Optional<String> pass = nonBlank(env.apply("PORTICO_REDIS_PASSWORD"));
            if (user.isPresent() || pass.isPresent()) {
                settings = settings.withCredentials(user, pass.orElse(null));
            }
            Optional<String> ca = nonBlank(env.apply("PORTICO_REDIS_CA_FILE"));
            if (ca.isPresent()) {
                settings = settings.withCaFile(Path.of(ca.get()));
            }
            return settings.withKeyPrefix(nonBlank(env.apply("PORTICO_REDIS_KEY_PREFIX")).orElse(""));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new StoreException("Redis settings from the environment are invalid: " + e.getMessage()
                    + "; fix PORTICO_REDIS_URL / _USERNAME / _PASSWORD / _CA_FILE / _KEY_PREFIX", e);
        }
    }

    public RedisSettings withCredentials(Optional<String> user, String pass) {
        return new RedisSettings(uri, user, Optional.ofNullable(pass), connectTimeout, socketTimeout, caFile,
                poolSize, keyPrefix);
    }

    public RedisSettings withTimeouts(Duration connect, Duration socket) {
        return new RedisSettings(uri, username, password, connect, socket, caFile, poolSize, keyPrefix);
    }

    public RedisSettings withCaFile(Path pem) {
        return new RedisSettings(uri, username, password, connectTimeout, socketTimeout, Optional.of(pem), poolSize,
                keyPrefix);
    }

    public RedisSettings withPoolSize(int size) {
        return new RedisSettings(uri, username, password, connectTimeout, socketTimeout, caFile, size, keyPrefix);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, username, password, connectTimeout, socketTimeout, caFile, poolSize, prefix);
    }

    public boolean isTls() {
        return "rediss".equals(uri.getScheme());
    }

    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return uri.getPort() == -1 ? 6379 : uri.getPort();
    }

    /** {@code host:port}, safe to log and to put in errors. */
    public String endpoint() {
        return uri.getHost() + ":" + port();
    }

    /** The database number from the URL path ({@code /3}), 0 without one. */
    public int database() {
        return databaseOf(uri);
    }

    private static int databaseOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        if (!path.matches("/[0-9]{1,4}")) {
            throw new IllegalArgumentException("Redis URL path must be a database number like /0, got " + path);
        }
        return Integer.parseInt(path.substring(1));
    }

    @Override
    public String toString() {
        return "RedisSettings[" + uri + ", user=" + username.orElse("default") + ", password="
                + (password.isPresent() ? "***" : "none") + ", connectTimeout=" + connectTimeout + ", socketTimeout="
                + socketTimeout + ", caFile=" + caFile.map(Path::toString).orElse("none") + ", poolSize=" + poolSize
                + ", keyPrefix=" + keyPrefix + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static void requirePositiveMillis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be between 1 ms and 24 days, got " + d);
        }
    }
}
