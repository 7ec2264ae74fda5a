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
import java.io.BufferedWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fills a bench Redis with N certificates exactly as Portico stores issued ones, and writes the same certificates as
 * PEM files for Caddy. A local CA (ECDSA P-256) issues one ECDSA P-256 leaf per name {@code d<i>.bench.test}
 * (i = 0..N-1), valid 90 days, SAN = the name, chain = leaf + CA as a CA's intermediate would be sent.
 *
 * <p>Per name, through the project's own classes: {@code certificates().put(StoredCertificate)} with the PKCS#8 key
 * sealed by {@code KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(keyFile))} for that domain, then
 * {@code domains().create(DomainRecord.register(...))}, {@code domains().update(record.withCertificate(...))} and
 * {@code renewals().schedule(...)}: the state IssuanceRecords.activate leaves after a real issuance.
 *
 * <p>Writes to {@code out}: {@code ca.pem}; {@code certs/d<i>.pem} (chain then PKCS#8 key, one file per name: Caddy
 * reads both from it); {@code caddy-load-files.json} (the {@code load_files} array for Caddy's tls app).
 *
 * <p>Usage: {@code CertificateFill N out redis://127.0.0.1:6399 master.key http://127.0.0.1:18081 [threads]}.
 * Prints {@code fill n=N secs=S per_sec=R}.
 */
public final class CertificateFill {
    static final String TENANT = "bench";
    static final Duration VALIDITY = Duration.ofDays(90);

    private CertificateFill() {
    }

    public static String name(int i) {
        return "d" + i + ".bench.test";
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: CertificateFill N outDir redisUrl masterKeyFile originUrl [threads]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        URI redis = URI.create(args[2]);
        Path keyFile = Path.of(args[3]);
        OriginUrl origin = OriginUrl.ofTrusted(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2 * Runtime.getRuntime().availableProcessors();

        Files.createDirectories(out.resolve("certs"));
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        Ca ca = Ca.create(now);
        Files.writeString(out.resolve("ca.pem"), Pem.encodeChain(List.of(ca.cert)));

        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(keyFile));
        AtomicInteger done = new AtomicInteger();
        try (RedisStore store = RedisStore.open(RedisSettings.of(redis).withPoolSize(threads + 2)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
            store.ping();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Void>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    parts.add(pool.submit(() -> {
                        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
                        gen.initialize(new ECGenParameterSpec("secp256r1"));
                        for (int i = first; i < count; i += threads) {
                            fillOne(i, gen, ca, envelope, store, origin, out, now);
                            int n = done.incrementAndGet();
                            if (n % 20_000 == 0) {
                                System.err.printf("fill: %d/%d after %.1f s%n", n, count,
                                        (System.nanoTime() - t0) / 1e9);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Void> part : parts) {
                    part.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("caddy-load-files.json"), StandardCharsets.UTF_8)) {
            w.write("[");
            for (int i = 0; i < count; i++) {
                String file = out.resolve("certs").resolve(name(i) + ".pem").toAbsolutePath().toString();
                w.write((i == 0 ? "" : ",") + "\n{\"certificate\":\"" + file + "\",\"key\":\"" + file + "\"}");
            }
            w.write("\n]\n");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fill n=%d secs=%.1f per_sec=%.0f threads=%d%n", count, secs, count / secs, threads);
    }

    private static void fillOne(int i, KeyPairGenerator gen, Ca ca, KeyEnvelope envelope, RedisStore store,
            OriginUrl origin, Path out, Instant now) throws Exception {
        DomainName domain = DomainName.ofTrusted(name(i));
        KeyPair keys = gen.generateKeyPair();
        X509Certificate leaf = ca.issue(domain.ascii(), keys, now);
        String chainPem = Pem.encodeChain(List.of(leaf, ca.cert));
        Files.writeString(out.resolve("certs").resolve(domain.ascii() + ".pem"),
                chainPem + Pem.encodePrivateKey(keys.getPrivate()));

        String serial = leaf.getSerialNumber().toString(16);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        store.certificates().put(new StoredCertificate(domain, chainPem,
                envelope.seal(keys.getPrivate().getEncoded(), domain), serial, notBefore, notAfter));
        DomainRecord registered = DomainRecord.register(domain, new TenantId(TENANT), origin, now);
        if (!store.domains().create(registered)) {
            throw new IllegalStateException(domain + " is registered already: fill an empty Redis");
        }
        Instant renewAt = RenewalWindow.renewAt(notBefore, notAfter);
        CertificateSummary summary = new CertificateSummary(serial, notBefore, notAfter);
        if (!store.domains().update(registered.withCertificate(summary, renewAt, now))) {
            throw new IllegalStateException(domain + " vanished while being activated");
        }
        store.renewals().schedule(domain, renewAt);
    }

    /** The local CA: an ECDSA P-256 root that signs every leaf. */
    record Ca(KeyPair keys, X509Certificate cert, X500Name subject) {
        private static final SecureRandom RANDOM = new SecureRandom();

        static Ca create(Instant now) throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=Portico Bench CA " + now.getEpochSecond());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Ca(keys, cert, subject);
        }

        X509Certificate issue(String dnsName, KeyPair leafKeys, Instant now) throws Exception {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + dnsName), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }

        private static BigInteger serial() {
            return new BigInteger(64, RANDOM).setBit(62);
        }
    }
}
