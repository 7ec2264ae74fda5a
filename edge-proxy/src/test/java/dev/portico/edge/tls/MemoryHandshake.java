package dev.portico.edge.tls;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** A TLS handshake between a JDK client engine and a server engine through buffers: what the server presents. */
final class MemoryHandshake {
    private MemoryHandshake() {
    }

    static X509Certificate presentedLeaf(SSLContext client, String sni, SSLEngine server) throws SSLException {
        SSLEngine engine = client.createSSLEngine(sni, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        engine.setSSLParameters(parameters);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        engine.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 20; round++) {
            runTasks(engine);
            engine.wrap(nothing, toServer);
            pass(toServer, server, sink);
            runTasks(server);
            server.wrap(nothing, toClient);
            pass(toClient, engine, sink);
            runTasks(engine);
            if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                return (X509Certificate) engine.getSession().getPeerCertificates()[0];
            }
        }
        throw new SSLException("no handshake after 20 rounds: client " + engine.getHandshakeStatus() + ", server "
                + server.getHandshakeStatus());
    }

    private static void pass(ByteBuffer buffer, SSLEngine to, ByteBuffer sink) throws SSLException {
        buffer.flip();
        while (buffer.hasRemaining() && to.unwrap(buffer, sink).bytesConsumed() > 0) {
            sink.clear();
        }
        buffer.compact();
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
