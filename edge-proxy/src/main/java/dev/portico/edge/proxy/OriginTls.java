package dev.portico.edge.proxy;

import dev.portico.core.crypto.Pem;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The client context for https origins: the JDK's roots, plus the operator's own (a private CA) when configured. */
public final class OriginTls {
    private OriginTls() {
    }

    /** @throws IllegalArgumentException when the extra roots file cannot be read as PEM certificates */
    public static SslContext context(Optional<Path> extraRoots) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .endpointIdentificationAlgorithm("HTTPS");
        if (extraRoots.isPresent()) {
            builder.trustManager(trustManagerFactory(extraRoots.get()));
        }
        return builder.build();
    }

    private static TrustManagerFactory trustManagerFactory(Path file) {
        try {
            List<X509Certificate> roots = Pem.parseChain(Files.readString(file));
            if (roots.isEmpty()) {
                throw new IllegalArgumentException("PORTICO_ORIGIN_CA_FILE " + file + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int i = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + i++, root);
                    }
                }
            }
            for (X509Certificate root : roots) {
                store.setCertificateEntry("extra-" + i++, root);
            }
            TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(store);
            return combined;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("PORTICO_ORIGIN_CA_FILE " + file + " cannot be read as PEM "
                    + "certificates: " + e.getMessage(), e);
        }
    }
}
