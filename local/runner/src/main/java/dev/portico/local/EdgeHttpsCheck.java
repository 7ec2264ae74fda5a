package dev.portico.local;

import dev.portico.testkit.PebbleRoots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A visitor's request to the edge as a browser makes it: to 127.0.0.1 (the name does not resolve here), with the
 * domain as SNI and Host, and the certificate verified against Pebble's root for exactly that name.
 */
final class EdgeHttpsCheck {
    /** What came back, and the certificate that came with it. */
    record Answer(int status, String body, X509Certificate leaf, String xCache) {
    }

    private EdgeHttpsCheck() {
    }

    static Answer get(String domain, int port, String path) throws Exception {
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        roots.setCertificateEntry("pebble", PebbleRoots.issuerRoot());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, domain, port, true)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(domain)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + domain
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = readAll(socket.getInputStream());
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            String head = bodyStart < 0 ? response : response.substring(0, bodyStart);
            String xCache = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("x-cache:"))
                    .map(l -> l.substring(8).strip()).findFirst().orElse("-");
            return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4), leaf, xCache);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
