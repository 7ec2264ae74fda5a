package dev.portico.acme;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoredCertificate;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the CA issued, with the key pair it certifies.
 *
 * @param chain         leaf first, then the intermediates, as the CA sent them
 * @param chainPem      the same chain as PEM text
 * @param keyPair       the certificate's key pair; seal the private key before storing it ({@link #seal})
 * @param serial        the leaf's serial number in lower-case hexadecimal
 * @param orderLocation the order that produced it
 */
public record IssuedCertificate(DomainName domain, List<X509Certificate> chain, String chainPem, KeyPair keyPair,
        String serial, Instant notBefore, Instant notAfter, URI orderLocation) {

    public IssuedCertificate {
        Objects.requireNonNull(domain, "domain");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain for " + domain);
        }
        Objects.requireNonNull(chainPem, "chainPem");
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(orderLocation, "orderLocation");
    }

    /** Derives the PEM text, serial and validity from the leaf, so they cannot disagree with the chain. */
    static IssuedCertificate of(DomainName domain, List<X509Certificate> chain, KeyPair keyPair, URI orderLocation) {
        X509Certificate leaf = chain.get(0);
        try {
            return new IssuedCertificate(domain, chain, Pem.encodeChain(chain), keyPair,
                    leaf.getSerialNumber().toString(16), leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(), orderLocation);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate just parsed does not encode again", e);
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The storable form: the chain in clear, the private key sealed for this domain. */
    public StoredCertificate seal(KeyEnvelope envelope) throws KeyEnvelopeException {
        return new StoredCertificate(domain, chainPem, envelope.seal(AcmeKeys.toPkcs8(keyPair), domain), serial,
                notBefore, notAfter);
    }

    /** Short on purpose: the default would print the whole chain. */
    @Override
    public String toString() {
        return "IssuedCertificate[" + domain + ", serial=" + serial + ", notAfter=" + notAfter + ", chain="
                + chain.size() + " certificates, order=" + orderLocation + "]";
    }
}
