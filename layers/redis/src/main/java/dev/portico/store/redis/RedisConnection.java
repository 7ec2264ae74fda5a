package dev.portico.store.redis;

import dev.portico.core.store.StoreException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * One pooled Jedis client and the single place where Jedis exceptions become {@link StoreException}s. Every wait
 * is bounded: the TCP connect by the connect timeout, each answer (the TLS handshake's too) by the socket timeout,
 * a turn at an exhausted pool by the two together. A hung Redis therefore costs a caller about one socket timeout, never a hang.
 */
public final class RedisConnection implements AutoCloseable {
    private final RedisClient client;
    private final String endpoint;
    private volatile boolean closed;
    private final LongAdder roundTrips = new LongAdder();

    private RedisConnection(RedisClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Sets up the pool without connecting, so a process can start while Redis is down and recover later. */
    public static RedisConnection open(RedisSettings settings) throws StoreException {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
                // A fixed protocol: left open, Jedis borrows a connection inside build() to ask the server and
                // silently waits out the socket timeout when Redis hangs.
                .protocol(RedisProtocol.RESP2)
                // CLIENT SETINFO would be one more round trip, each bounded by the socket timeout, per connection.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .database(settings.database());
        settings.username().ifPresent(config::user);
        settings.password().ifPresent(config::password);
        if (settings.isTls()) {
            config.sslOptions(RedisTls.options(settings.caFile()));
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.connectTimeout().plus(settings.socketTimeout()));
        pool.setJmxEnabled(false);
        try {
            DefaultJedisClientConfig clientConfig = config.build();
            HostAndPort address = new HostAndPort(settings.host(), settings.port());
            ConnectionFactory connections = new ConnectionFactory(
                    RedisTls.handshakingEagerly(new DefaultJedisSocketFactory(address, clientConfig)), clientConfig);
            RedisClient client = RedisClient.builder()
                    .hostAndPort(address)
                    .clientConfig(clientConfig)
                    .connectionProvider(new PooledConnectionProvider(connections, pool))
                    .build();
            return new RedisConnection(client, settings.endpoint());
        } catch (JedisException e) {
            throw RedisErrors.map("open the connection pool", settings.endpoint(), Duration.ZERO, e);
        }
    }

    /** {@code host:port} of the server, without credentials. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Commands (or scripts) sent since this connection opened: each {@link #call} is one round trip. Lets a test or
     * a benchmark show how much of Redis a piece of work touches.
     */
    public long roundTrips() {
        return roundTrips.sum();
    }

    /** A round trip to the server; for health checks and for failing fast at start-up when that is wanted. */
    public void ping() throws StoreException {
        call("ping Redis", UnifiedJedis::ping);
    }

    /** Runs one command or script; {@code action} completes "cannot ..." in error messages. */
    <T> T call(String action, Function<UnifiedJedis, T> command) throws StoreException {
        roundTrips.increment();
        if (closed) {
            throw new StoreException("cannot " + action + ": the Redis store was closed");
        }
        long start = System.nanoTime();
        try {
            return command.apply(client);
        } catch (JedisException e) {
            throw RedisErrors.map(action, endpoint, Duration.ofNanos(System.nanoTime() - start), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }
}
