package dev.portico.edge.tls;

import dev.portico.core.crypto.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate served to names without one of their own (unknown, not issued yet, or the store unreachable). It
 * matches no tenant's name, so a browser shows a certificate error rather than anyone's content; it exists so the
 * handshake completes and the port-80 redirect, the access log and the metrics still see the visitor.
 */
public final class FallbackCertificate {
    /** A reserved name (RFC 2606): it can never be a tenant's. */
    public static final String GENERATED_NAME = "fallback.portico.invalid";

    private FallbackCertificate() {
    }

    /** A self-signed ECDSA P-256 certificate made at start; nothing to configure, nothing to leak. */
    public static ServedCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            Instant notAfter = now.plus(Duration.ofDays(365));
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
            X500Name subject = new X500Name("CN=" + GENERATED_NAME);
            var builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServedCertificate(GENERATED_NAME, new X509Certificate[] {certificate}, pair.getPrivate(),
                    serial.toString(16), notAfter);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the fallback certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The operator's own fallback (for example a certificate for the platform's domain): a PEM chain, leaf first,
     * and a PEM PKCS#8 key.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ServedCertificate load(Path chainFile, Path keyFile) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.parseChain(Files.readString(chainFile));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("fallback certificate " + chainFile + " cannot be read as a PEM "
                    + "chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("fallback certificate " + chainFile + " holds no certificate");
        }
        try {
            key = Pem.parsePrivateKey(Files.readString(keyFile));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("fallback key " + keyFile + " cannot be read as a PEM PKCS#8 key: "
                    + e.getMessage(), e);
        }
        X509Certificate leaf = chain.get(0);
        return new ServedCertificate("fallback", chain.toArray(X509Certificate[]::new), key,
                leaf.getSerialNumber().toString(16), leaf.getNotAfter().toInstant());
    }
}
