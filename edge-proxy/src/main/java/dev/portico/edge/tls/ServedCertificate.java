package dev.portico.edge.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate ready to hand to the TLS engine: the parsed chain (leaf first) and the opened private key. Lives only
 * in memory; the stored form keeps the key sealed.
 *
 * <p>The key manager hands out {@link #chain} itself, not a copy: Netty's OpenSSL engine keeps the native form of the
 * last chain and key it converted and reuses it while it is given the very same instances.
 */
public final class ServedCertificate {
    private final String name;
    private final X509Certificate[] chain;
    private final PrivateKey key;
    private final String serial;
    private final Instant notAfter;

    /**
     * @param name   the SNI name it is served for (lower-case A-labels)
     * @param serial hexadecimal serial of the leaf, lower case; tells a renewed certificate from the cached one
     */
    public ServedCertificate(String name, X509Certificate[] chain, PrivateKey key, String serial, Instant notAfter) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("a served certificate needs at least its leaf");
        }
        this.chain = chain.clone();
    }

    public String name() {
        return name;
    }

    /** Shared, not copied (see the class comment): callers must not modify it. */
    X509Certificate[] chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    PrivateKey key() {
        return key;
    }

    public String serial() {
        return serial;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** The JSSE key type of the leaf's key ("EC" or "RSA"), as the engine asks for it. */
    public String keyType() {
        return key.getAlgorithm();
    }

    @Override
    public String toString() {
        return "ServedCertificate[" + name + ", serial " + serial + ", until " + notAfter + "]";
    }
}
