package dev.portico.edge.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of the shared server context where BoringSSL is unavailable (with it, each engine is given the
 * certificate's credential instead): picks the certificate by the name the connection was opened for.
 * {@link SniCertificateHandler} has already loaded it into the cache and creates the engine with that name as its
 * peer host (unused otherwise on a server), so the choice here is a map read on the handshake's thread.
 *
 * <p>The engine asks for the alias, then the chain, then the key, one after the other on one thread. The choice is
 * remembered between those calls, so a certificate replaced in the cache meanwhile cannot pair the old chain with the
 * new key.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private static final String FALLBACK_ALIAS = "fallback";

    private final CertificateCache cache;
    private final ServedCertificate fallback;
    private final ThreadLocal<ServedCertificate> chosen = new ThreadLocal<>();
    private final LongAdder served = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    SniKeyManager(CertificateCache cache, ServedCertificate fallback) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String name = engine == null ? null : engine.getPeerHost();
        ServedCertificate certificate = name == null ? null : cache.peek(name).orElse(null);
        if (certificate == null) {
            certificate = fallback;
        }
        if (!certificate.keyType().equals(keyType)) {
            return null;
        }
        (certificate == fallback ? fallbacks : served).increment();
        chosen.set(certificate);
        return certificate == fallback ? FALLBACK_ALIAS : certificate.name();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServedCertificate certificate = resolve(alias);
        return certificate == null ? null : certificate.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServedCertificate certificate = resolve(alias);
        chosen.remove();
        return certificate == null ? null : certificate.key();
    }

    private ServedCertificate resolve(String alias) {
        ServedCertificate certificate = chosen.get();
        if (certificate != null && alias(certificate).equals(alias)) {
            return certificate;
        }
        return FALLBACK_ALIAS.equals(alias) ? fallback : cache.peek(alias).orElse(null);
    }

    private String alias(ServedCertificate certificate) {
        return certificate == fallback ? FALLBACK_ALIAS : certificate.name();
    }

    /** Handshakes given a tenant's certificate and given the fallback, for the metrics page. */
    long servedCount() {
        return served.sum();
    }

    long fallbackCount() {
        return fallbacks.sum();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
