package dev.portico.edge;

import dev.portico.core.crypto.Pem;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway ECDSA P-256 CA for tests: issues leaf certificates for names, and trusts only itself. */
public final class TestCa {
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final SecureRandom random = new SecureRandom();

    private TestCa(KeyPair caKeys, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A leaf as issued: the chain (leaf only: the root is not sent) and its key. */
    public record Leaf(String name, X509Certificate certificate, KeyPair keys) {
        public String serial() {
            return certificate.getSerialNumber().toString(16);
        }

        public String chainPem() {
            try {
                return Pem.encodeChain(List.of(certificate));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static TestCa create() throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=Portico Test CA " + System.nanoTime());
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new TestCa(keys, ca);
    }

    public Leaf issue(String name) throws Exception {
        return issue(name, Duration.ofDays(7));
    }

    public Leaf issue(String name, Duration validity) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(64, random).setBit(63);
        var builder = new JcaX509v3CertificateBuilder(new X500Name(caCertificate.getSubjectX500Principal().getName()),
                serial, Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), new X500Name("CN=" + name),
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new Leaf(name, leaf, keys);
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    public String pem() throws GeneralSecurityException {
        return Pem.encodeChain(List.of(caCertificate));
    }

    /** A client context trusting this CA only; a fresh one per name, so no session is resumed across names. */
    public SSLContext clientContext() throws GeneralSecurityException, java.io.IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCertificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** For looking at what a server presents whatever it is (the fallback is self-signed and unknown to tests). */
    public static SSLContext trustingAnything() throws GeneralSecurityException {
        javax.net.ssl.X509TrustManager anything = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {anything}, null);
        return context;
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
