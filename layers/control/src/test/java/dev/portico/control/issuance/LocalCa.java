package dev.portico.control.issuance;

import dev.portico.acme.IssuedCertificate;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway ECDSA P-256 CA issuing leaf certificates without any ACME server, for tests that need real
 * certificates in the stores (reconciliation) but not an issuance. As the edge proxy's tests' {@code TestCa}.
 */
public final class LocalCa {
    private final KeyPair caKeys = ecKeys();
    private final X500Name subject = new X500Name("CN=Portico Local Test CA " + System.nanoTime());
    private final SecureRandom random = new SecureRandom();

    /** A certificate for {@code domain} valid from {@code notBefore} for {@code validity}, as an order returns it. */
    public IssuedCertificate issue(DomainName domain, Instant notBefore, Duration validity) throws Exception {
        KeyPair keys = ecKeys();
        BigInteger serial = new BigInteger(64, random).setBit(63);
        var builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                Date.from(notBefore.plus(validity)), new X500Name("CN=" + domain.ascii()), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, domain.ascii())));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new IssuedCertificate(domain, List.of(leaf), Pem.encodeChain(List.of(leaf)), keys,
                serial.toString(16), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                URI.create("https://ca.invalid/order/" + serial.toString(16)));
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has EC P-256", e);
        }
    }
}
