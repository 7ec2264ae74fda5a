package dev.portico.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS client on a real socket to 127.0.0.1: sends the SNI it is told (or none), verifies the chain against the
 * given context's roots but not the name (tests look at which certificate came back), and speaks HTTP/1.1 raw.
 */
public final class TlsClient implements AutoCloseable {
    private final SSLSocket socket;

    private TlsClient(SSLSocket socket) {
        this.socket = socket;
    }

    /** @param sni the server name to send, or null for none */
    public static TlsClient connect(int port, String sni, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.startHandshake();
        return new TlsClient(socket);
    }

    /** Over a socket already connected (and already sent a PROXY protocol header, say). */
    public static TlsClient over(java.net.Socket plain, String sni, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, sni, plain.getPort(), true);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new TlsClient(socket);
    }

    public X509Certificate leaf() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    public String protocol() {
        return socket.getSession().getProtocol();
    }

    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    /** Sends the raw request and reads one response (Content-Length framed or until close). */
    public HttpResponseText exchange(String rawRequest) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return HttpResponseText.read(socket.getInputStream(), rawRequest.startsWith("HEAD "));
    }

    /** The next response on the connection (after pipelined requests). */
    public HttpResponseText read(boolean head) throws IOException {
        return HttpResponseText.read(socket.getInputStream(), head);
    }

    public HttpResponseText get(String host, String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    /** Everything until the server closes. */
    public byte[] readToEnd() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
