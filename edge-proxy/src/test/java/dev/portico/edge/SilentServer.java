package dev.portico.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts connections, reads whatever comes and never answers: a hung Redis, as {@code kill -STOP} makes one, without
 * stopping the Redis other tests share.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, RawHttp.LOOPBACK);
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        Thread.ofPlatform().daemon().name("silent-server").start(this::acceptForever);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptForever() {
        try {
            while (true) {
                Socket socket = server.accept();
                held.add(socket);
                InputStream in = socket.getInputStream();
                Thread.ofVirtual().start(() -> {
                    try {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException closed) {
                        // close() ends it
                    }
                });
            }
        } catch (IOException closed) {
            // close() ends it
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
