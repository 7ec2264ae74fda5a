/**
 * The Redis (ElastiCache) implementation of the core store contracts in {@code dev.portico.core.store}.
 *
 * <p>Start from {@link dev.portico.store.redis.RedisStore#open(RedisSettings)}: it owns one pooled Jedis client and
 * hands out the stores. Every key string is built by {@link dev.portico.store.redis.RedisKeys}; every hash field
 * by {@code RedisHashes}. Multi-key writes run as Lua scripts so that each contract's "together or not at all"
 * holds on a single Redis primary; Redis Cluster is not supported (the keys of one write live in different slots).
 * Needs Redis 6.2 or newer, or Valkey ({@code HELLO}, {@code ZRANGE ... BYLEX}); tested against 7.0.
 *
 * <p>Every failure surfaces as the core's checked {@link dev.portico.core.store.StoreException}: a
 * {@link dev.portico.core.store.StoreUnavailableException} when Redis could not be reached or did not answer within
 * the configured timeouts (retry later), a plain {@code StoreException} when Redis answered with an error that retrying
 * will not fix (authentication, out of memory, read-only replica, foreign data), with a message saying what to do.
 */
package dev.portico.store.redis;
