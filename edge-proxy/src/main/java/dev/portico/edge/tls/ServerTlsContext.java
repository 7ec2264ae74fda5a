package dev.portico.edge.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one server {@link SslContext} every TLS connection shares, whatever its name: per-domain contexts would cost
 * an OpenSSL context each (memory, build time) at 100k domains; here a domain costs one cache entry. TLS 1.2 and 1.3
 * only, AEAD suites with forward secrecy only (the HTTP/2 list, RFC 7540 appendix A excluded), HTTP/2 and HTTP/1.1
 * offered by ALPN.
 */
public final class ServerTlsContext {
    private static final Logger log = LoggerFactory.getLogger(ServerTlsContext.class);

    /** What the engine provides; logged at start, exposed for tests and the benchmark's report. */
    public record Built(SslContext context, SniKeyManager keyManager, String provider) {
        /** Handshakes that got a tenant's certificate. */
        public long tenantHandshakes() {
            return keyManager.servedCount();
        }

        /** Handshakes that got the fallback (unknown name, none yet, or the store unreachable). */
        public long fallbackHandshakes() {
            return keyManager.fallbackCount();
        }
    }

    private ServerTlsContext() {
    }

    public static Built build(CertificateCache cache, ServedCertificate fallback) throws SSLException {
        SniKeyManager keyManager = new SniKeyManager(cache, fallback);
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.warn("OpenSSL (netty-tcnative) is unavailable, TLS falls back to the slower JDK engine: {}",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        SslContext context = SslContextBuilder.forServer(new KeyManagerFactoryWrapper(keyManager))
                .sslProvider(provider)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .sessionTimeout(3600)
                // The key manager only reads a map: it may run inside the handshake call instead of as a delegated
                // task, which spares a task object and a second pass through the handshake per connection.
                .option(OpenSslContextOption.USE_TASKS, false)
                .build();
        String name = provider == SslProvider.OPENSSL ? OpenSsl.versionString() : "JDK";
        return new Built(context, keyManager, name);
    }
}
