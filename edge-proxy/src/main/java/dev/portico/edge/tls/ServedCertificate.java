package dev.portico.edge.tls;

import io.netty.handler.ssl.OpenSslCredential;
import io.netty.handler.ssl.OpenSslCredentialBuilder;
import io.netty.util.AbstractReferenceCounted;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate ready to hand to the TLS engine. Lives only in memory; the stored form keeps the key sealed.
 *
 * <p>Where BoringSSL is available (always with the bundled netty-tcnative) a certificate from the store keeps its chain
 * and key only in BoringSSL's form, an {@code SSL_CREDENTIAL} made once when it is loaded: each handshake adds it to
 * its engine as it is, instead of having Netty convert a Java chain and key (PEM encode and parse) per handshake, and
 * the heap holds a few small objects per certificate instead of parsed X.509 ones. Otherwise (the JDK engine), and
 * for the fallback, it keeps the parsed chain and key for a key manager.
 *
 * <p>Reference counted: the cache entry holding it owns a reference, released when the entry is evicted, replaced by a
 * renewal or invalidated; an engine it was added to keeps the credential until its connection ends.
 */
public final class ServedCertificate extends AbstractReferenceCounted {
    /** Whether certificates from the store take the native form, and the context adds them per engine. */
    static final boolean NATIVE = OpenSslCredential.isAvailable();

    private final String name;
    private final String serial;
    private final Instant notAfter;
    private final OpenSslCredential credential;
    private final X509Certificate[] chain;
    private final PrivateKey key;

    /**
     * The Java form, whatever the engine.
     *
     * @param name   the SNI name it is served for (lower-case A-labels)
     * @param serial hexadecimal serial of the leaf, lower case; tells a renewed certificate from the cached one
     */
    public ServedCertificate(String name, X509Certificate[] chain, PrivateKey key, String serial, Instant notAfter) {
        this(name, serial, notAfter, null, checkedChain(chain), Objects.requireNonNull(key, "key"));
    }

    private ServedCertificate(String name, String serial, Instant notAfter, OpenSslCredential credential,
            X509Certificate[] chain, PrivateKey key) {
        this.name = Objects.requireNonNull(name, "name");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
        this.credential = credential;
        this.chain = chain;
        this.key = key;
    }

    /**
     * As loaded from the store: the native form where BoringSSL is available. Converts the chain and key, so only ever
     * called off the event loop.
     *
     * @throws IllegalStateException BoringSSL refused the chain or key
     */
    public static ServedCertificate open(String name, X509Certificate[] chain, PrivateKey key, String serial,
            Instant notAfter) {
        if (!NATIVE) {
            return new ServedCertificate(name, chain, key, serial, notAfter);
        }
        OpenSslCredential credential = OpenSslCredentialBuilder.forX509(key, checkedChain(chain)).build();
        return new ServedCertificate(name, serial, notAfter, credential, null, null);
    }

    private static X509Certificate[] checkedChain(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("a served certificate needs at least its leaf");
        }
        return chain.clone();
    }

    public String name() {
        return name;
    }

    public String serial() {
        return serial;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** The native form's credential; null for the Java form. Not retained for the caller. */
    OpenSslCredential credential() {
        return credential;
    }

    /**
     * The Java form's chain, shared, not copied: Netty keeps the native form of the last chain and key it converted
     * and reuses it while it is given the very same instances. Null for the native form.
     */
    X509Certificate[] chain() {
        return chain;
    }

    /** The Java form's key; null for the native form. */
    PrivateKey key() {
        return key;
    }

    /** The JSSE key type of the Java form's key ("EC" or "RSA"), as the engine asks for it. */
    String keyType() {
        return key.getAlgorithm();
    }

    @Override
    protected void deallocate() {
        if (credential != null) {
            credential.release();
        }
    }

    @Override
    public ServedCertificate touch(Object hint) {
        return this;
    }

    @Override
    public String toString() {
        return "ServedCertificate[" + name + ", serial " + serial + ", until " + notAfter + "]";
    }
}
