package dev.portico.edge;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.RedisStore;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Registered, issued domains written to a real store exactly as the control plane writes them (record, chain, key
 * sealed by the envelope), so the proxy under test reads what it would read in production.
 */
public final class TenantSites {
    private final RedisStore store;
    private final KeyEnvelope envelope;
    private final TestCa ca;

    public TenantSites(RedisStore store, Path masterKeyFile, TestCa ca) throws Exception {
        this.store = store;
        this.envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(masterKeyFile));
        this.ca = ca;
    }

    public KeyEnvelope envelope() {
        return envelope;
    }

    /** Registers {@code name} for {@code tenant} with its origin and a certificate from the test CA. */
    public TestCa.Leaf add(String name, String tenant, String origin) throws Exception {
        DomainName domain = DomainName.ofTrusted(name);
        Instant now = Instant.now();
        store.domains().create(DomainRecord.register(domain, new TenantId(tenant), OriginUrl.ofTrusted(origin), now));
        return renew(name);
    }

    /** A new certificate for a registered name, stored over the old one, as a renewal does. */
    public TestCa.Leaf renew(String name) throws Exception {
        DomainName domain = DomainName.ofTrusted(name);
        TestCa.Leaf leaf = ca.issue(name);
        X509Certificate certificate = leaf.certificate();
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        store.certificates().put(new StoredCertificate(domain, leaf.chainPem(),
                envelope.seal(leaf.keys().getPrivate().getEncoded(), domain), leaf.serial(), notBefore, notAfter));
        DomainRecord record = store.domains().find(domain).orElseThrow();
        store.domains().update(record.withCertificate(new CertificateSummary(leaf.serial(), notBefore, notAfter),
                notAfter.minusSeconds(3600), Instant.now()));
        return leaf;
    }
}
