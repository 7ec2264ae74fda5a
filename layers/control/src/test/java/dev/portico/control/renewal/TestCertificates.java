package dev.portico.control.renewal;

import dev.portico.acme.AcmeKeys;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoredCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates from a throwaway CA, with the Authority Key Identifier that RFC 9773 builds a certificate's id from
 * (as every public CA's certificates carry), stored the way issuance stores them.
 */
final class TestCertificates {
    private final KeyPair caKeys = AcmeKeys.generateEcP256();
    private final SecureRandom random = new SecureRandom();

    static X509Certificate leaf(StoredCertificate stored) throws Exception {
        return Pem.parseChain(stored.chainPem()).getFirst();
    }

    StoredCertificate issue(DomainName domain, Instant notBefore, Instant notAfter, KeyEnvelope envelope)
            throws Exception {
        KeyPair keys = AcmeKeys.generateEcP256();
        BigInteger serial = new BigInteger(64, random).setBit(63);
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Portico test CA"), serial,
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + domain.ascii()), keys.getPublic())
                .addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caKeys.getPublic()));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new StoredCertificate(domain, Pem.encodeChain(List.of(leaf)),
                envelope.seal(keys.getPrivate().getEncoded(), domain), HexFormat.of().formatHex(serial.toByteArray())
                .replaceFirst("^0+", ""), notBefore, notAfter);
    }
}
