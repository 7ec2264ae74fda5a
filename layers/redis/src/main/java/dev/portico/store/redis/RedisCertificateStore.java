package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Certificates as one hash per domain. The key arrives already sealed ({@code SealedKey}), so clear key material
 * cannot reach Redis through this class.
 */
public final class RedisCertificateStore implements CertificateStore {
    private final RedisConnection redis;
    private final RedisKeys keys;

    public RedisCertificateStore(RedisConnection redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * One HSET of every field: a single command is atomic, so a reader sees the old chain and key or the new ones,
     * and every field of a certificate is required, so nothing of the previous one can linger beside the new.
     */
    @Override
    public void put(StoredCertificate certificate) throws StoreException {
        String key = keys.certificate(certificate.domain());
        Map<String, String> fields = RedisHashes.certificateFields(certificate);
        redis.call("store certificate of " + certificate.domain(), r -> r.hset(key, fields));
    }

    @Override
    public Optional<StoredCertificate> find(DomainName domain) throws StoreException {
        String key = keys.certificate(domain);
        Map<String, String> fields = redis.call("read certificate of " + domain, r -> r.hgetAll(key));
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashes.certificate(domain, key, fields));
    }

    @Override
    public boolean remove(DomainName domain) throws StoreException {
        String key = keys.certificate(domain);
        return redis.call("remove certificate of " + domain, r -> r.del(key)) == 1;
    }
}
