package dev.portico.edge.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one server {@link SslContext} every TLS connection shares, whatever its name: per-domain contexts would cost
 * an OpenSSL context each (memory, build time) at 100k domains; here a domain costs one cache entry. TLS 1.2 and 1.3
 * only, AEAD suites with forward secrecy only (the HTTP/2 list, RFC 7540 appendix A excluded), HTTP/2 and HTTP/1.1
 * offered by ALPN.
 *
 * <p>With BoringSSL the context's own certificate is the fallback, and a connection for a cached name gets that
 * name's credential added to its engine ({@link CredentialAttacher}); BoringSSL prefers an engine's credentials to the
 * context's. Otherwise (the JDK engine) {@link SniKeyManager} picks the certificate during the handshake.
 */
public final class ServerTlsContext {
    private static final Logger log = LoggerFactory.getLogger(ServerTlsContext.class);

    private final SslContext context;
    private final String provider;
    private final CredentialAttacher attacher;
    private final SniKeyManager keyManager;
    private final LongAdder tenants = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    private ServerTlsContext(SslContext context, String provider, CredentialAttacher attacher,
            SniKeyManager keyManager) {
        this.context = context;
        this.provider = provider;
        this.attacher = attacher;
        this.keyManager = keyManager;
    }

    public static ServerTlsContext build(CertificateCache cache, ServedCertificate fallback) throws SSLException {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(fallback, "fallback");
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.warn("OpenSSL (netty-tcnative) is unavailable, TLS falls back to the slower JDK engine: {}",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        boolean credentials = ServedCertificate.NATIVE && provider == SslProvider.OPENSSL;
        SniKeyManager keyManager = credentials ? null : new SniKeyManager(cache, fallback);
        SslContextBuilder builder = credentials
                ? SslContextBuilder.forServer(fallbackKeyMaterial(fallback))
                : SslContextBuilder.forServer(new KeyManagerFactoryWrapper(keyManager));
        SslContext context = builder
                .sslProvider(provider)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .sessionTimeout(3600)
                // Choosing the key is a map read at most: it may run inside the handshake call instead of as a
                // delegated task, which spares a task object and a second pass through the handshake per connection.
                .option(OpenSslContextOption.USE_TASKS, false)
                .build();
        String name = provider == SslProvider.OPENSSL ? OpenSsl.versionString() : "JDK";
        return new ServerTlsContext(context, name, credentials ? new CredentialAttacher(cache) : null, keyManager);
    }

    /**
     * The fallback as the context's own key material, converted to OpenSSL's form once: BoringSSL asks the context's
     * certificate callback on every handshake (before it prefers the engine's credential), and Netty's plain provider
     * would PEM-encode and parse the fallback chain each time; the caching factory keeps the converted form.
     */
    private static KeyManagerFactory fallbackKeyMaterial(ServedCertificate fallback) throws SSLException {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("fallback", fallback.key(), password, fallback.chain());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return new OpenSslCachingX509KeyManagerFactory(factory);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new SSLException("cannot use the fallback certificate: " + e.getMessage(), e);
        }
    }

    public SslContext context() {
        return context;
    }

    /** What the engine provides; logged at start. */
    public String provider() {
        return provider;
    }

    /**
     * The handler (and engine) of one connection, to present {@code chosen}, or the fallback when null. Never
     * blocks: the certificate is already in memory.
     */
    public SslHandler newHandler(ByteBufAllocator allocator, ServedCertificate chosen) {
        if (keyManager != null) {
            // The engine's peer host (unused otherwise on a server) carries the name to the key manager.
            return chosen == null ? context.newHandler(allocator)
                    : context.newHandler(allocator, chosen.name(), -1);
        }
        SslHandler handler = context.newHandler(allocator);
        (chosen != null && attacher.attach(handler.engine(), chosen) ? tenants : fallbacks).increment();
        return handler;
    }

    /** Handshakes that got a tenant's certificate. */
    public long tenantHandshakes() {
        return keyManager != null ? keyManager.servedCount() : tenants.sum();
    }

    /** Handshakes that got the fallback (unknown name, none yet, or the store unreachable). */
    public long fallbackHandshakes() {
        return keyManager != null ? keyManager.fallbackCount() : fallbacks.sum();
    }
}
