package dev.portico.store.redis;

import dev.portico.core.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * TLS towards Redis, verifying the certificate chain and the host name, trusting either the JVM's CAs or those of one
 * PEM file. PEM because that is what ElastiCache, a private CA and {@code openssl} hand out. Jedis 8 only reads trust
 * stores, so the PEM is read once, at open, into an in-memory PKCS#12 store that Jedis loads for each new connection.
 */
final class RedisTls {
    // Guards nothing: the store holds public CA certificates only, but PKCS#12 wants a password.
    private static final char[] STORE_PASSWORD = "portico".toCharArray();

    private RedisTls() {
    }

    static SslOptions options(Optional<Path> caPem) throws StoreException {
        SslOptions.Builder options = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
        if (caPem.isPresent()) {
            byte[] store = trustStore(caPem.get());
            options.truststore(() -> new ByteArrayInputStream(store), STORE_PASSWORD).trustStoreType("PKCS12");
        }
        return options.build();
    }

    /**
     * Completes the TLS handshake while a connection is being opened instead of on its first write.
     *
     * <p>Why: Jedis 8 leaves the handshake to the first command. When that times out (a hung server), Jedis's
     * {@code disconnect()} flushes its buffer, which starts the handshake again and waits out a second socket
     * timeout, so a call took twice the promised bound. Failing here, before anything is buffered, keeps it to one.
     */
    static JedisSocketFactory handshakingEagerly(JedisSocketFactory sockets) {
        return () -> {
            Socket socket = sockets.createSocket();
            if (socket instanceof SSLSocket tls) {
                try {
                    tls.startHandshake();
                } catch (IOException e) {
                    try {
                        socket.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                    throw new JedisConnectionException("TLS handshake failed", e);
                }
            }
            return socket;
        };
    }

    private static byte[] trustStore(Path caPem) throws StoreException {
        Collection<? extends Certificate> cas;
        try (InputStream in = Files.newInputStream(caPem)) {
            cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot read the Redis CA file " + caPem + " (" + e.getMessage()
                    + "); set PORTICO_REDIS_CA_FILE to a readable PEM file of CA certificates", e);
        }
        if (cas.isEmpty()) {
            throw new StoreException("the Redis CA file " + caPem + " holds no certificate; set PORTICO_REDIS_CA_FILE"
                    + " to a PEM file with at least one '-----BEGIN CERTIFICATE-----' block");
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trust.store(out, STORE_PASSWORD);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot set up TLS with the CA file " + caPem + ": " + e.getMessage(), e);
        }
    }
}
