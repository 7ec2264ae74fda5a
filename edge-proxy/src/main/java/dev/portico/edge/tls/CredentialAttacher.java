package dev.portico.edge.tls;

import io.netty.handler.ssl.OpenSslCredential;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.util.IllegalReferenceCountException;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a cached certificate's native credential to a new engine before its handshake: BoringSSL then presents it as
 * it is, with no per-handshake conversion, and the engine holds a reference of its own until the connection ends, so
 * the cache may evict or replace the certificate at any time.
 */
final class CredentialAttacher {
    private static final Logger log = LoggerFactory.getLogger(CredentialAttacher.class);

    private final CertificateCache cache;

    CredentialAttacher(CertificateCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * @return false when nothing was added and the engine presents the context's fallback: the certificate went from
     *         the cache since it was looked up and its name has no other, or BoringSSL refused it
     */
    boolean attach(SSLEngine engine, ServedCertificate chosen) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine openSsl)) {
            return false;
        }
        ServedCertificate candidate = chosen;
        for (int attempt = 0; attempt < 2 && candidate != null; attempt++) {
            try {
                candidate.retain();
            } catch (IllegalReferenceCountException released) {
                // Evicted, or replaced by a renewal, since the look-up: the entry now cached, if any, is to be served.
                ServedCertificate gone = candidate;
                candidate = cache.peek(chosen.name()).filter(current -> current != gone).orElse(null);
                continue;
            }
            try {
                return add(openSsl, candidate);
            } finally {
                candidate.release();
            }
        }
        return false;
    }

    private static boolean add(ReferenceCountedOpenSslEngine engine, ServedCertificate certificate) {
        OpenSslCredential credential = certificate.credential();
        if (credential == null) {
            // The Java form has nothing native to add; only the store's certificates reach here, in native form.
            return false;
        }
        try {
            // Takes its own reference. Netty would release the caller's instead when refusing a credential for an
            // engine already handshaking or destroyed, which a new engine is not.
            engine.addCredential(credential);
            return true;
        } catch (SSLException e) {
            log.warn("BoringSSL refused the credential of {}, serving the fallback: {}", certificate, e.getMessage());
            return false;
        }
    }
}
