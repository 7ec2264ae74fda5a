package dev.portico.bench;

import dev.portico.control.issuance.RenewalWindow;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoredCertificate;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Registers one named domain with its origin and an active certificate in a bench Redis, exactly as
 * {@link CertificateFill} does for its numbered names (same local CA kind, same store calls: {@code certificates().put}
 * with the key sealed by {@code KeyEnvelope}, {@code domains().create(DomainRecord.register(..))},
 * {@code update(withCertificate(..))}, {@code renewals().schedule(..)}), for benches that need one chosen name and
 * origin (bench/cache-conformance.sh).
 *
 * <p>Writes {@code ca.pem} (the CA a client must trust) and {@code <name>.pem} (chain, then PKCS#8 key) to {@code out}.
 *
 * <p>Usage: {@code DomainFill name outDir redis://127.0.0.1:PORT masterKeyFile http://127.0.0.1:ORIGIN [tenant]}.
 * Prints {@code domain name=N origin=O}.
 */
public final class DomainFill {
    private DomainFill() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DomainFill name outDir redisUrl masterKeyFile originUrl [tenant]");
            System.exit(2);
        }
        DomainName domain = DomainName.ofTrusted(args[0]);
        Path out = Path.of(args[1]);
        URI redis = URI.create(args[2]);
        Path keyFile = Path.of(args[3]);
        OriginUrl origin = OriginUrl.ofTrusted(args[4]);
        String tenant = args.length > 5 ? args[5] : CertificateFill.TENANT;

        Files.createDirectories(out);
        Instant now = Instant.now();
        CertificateFill.Ca ca = CertificateFill.Ca.create(now);
        Files.writeString(out.resolve("ca.pem"), Pem.encodeChain(List.of(ca.cert())));

        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        X509Certificate leaf = ca.issue(domain.ascii(), keys, now);
        String chainPem = Pem.encodeChain(List.of(leaf, ca.cert()));
        Files.writeString(out.resolve(domain.ascii() + ".pem"), chainPem + Pem.encodePrivateKey(keys.getPrivate()));

        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(keyFile));
        try (RedisStore store = RedisStore.open(RedisSettings.of(redis).withPoolSize(2)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
            store.ping();
            String serial = leaf.getSerialNumber().toString(16);
            Instant notBefore = leaf.getNotBefore().toInstant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            store.certificates().put(new StoredCertificate(domain, chainPem,
                    envelope.seal(keys.getPrivate().getEncoded(), domain), serial, notBefore, notAfter));
            DomainRecord registered = DomainRecord.register(domain, new TenantId(tenant), origin, now);
            if (!store.domains().create(registered)) {
                throw new IllegalStateException(domain + " is registered already: fill an empty Redis");
            }
            Instant renewAt = RenewalWindow.renewAt(notBefore, notAfter);
            if (!store.domains().update(registered.withCertificate(
                    new CertificateSummary(serial, notBefore, notAfter), renewAt, now))) {
                throw new IllegalStateException(domain + " vanished while being activated");
            }
            store.renewals().schedule(domain, renewAt);
        }
        System.out.printf("domain name=%s origin=%s%n", domain.ascii(), args[4]);
    }
}
