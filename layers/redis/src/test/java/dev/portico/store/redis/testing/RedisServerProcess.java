package dev.portico.store.redis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of one test's own, on a free loopback port, for faults the shared one must not suffer: stopped
 * processes, tiny maxmemory, passwords, TLS. Stopping it also resumes it first, so a paused server never lingers.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private boolean paused;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A plain server; {@code extra} are more redis-server options such as {@code --requirepass x}. */
    public static RedisServerProcess start(Path dir, String... extra) throws IOException, InterruptedException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
        args.addAll(List.of(extra));
        return launch(dir, port, args);
    }

    /** A TLS-only server (the plain port is off). */
    public static RedisServerProcess startTls(Path dir, Path cert, Path key, Path ca, String... extra)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no"));
        args.addAll(List.of(extra));
        return launch(dir, port, args);
    }

    private static RedisServerProcess launch(Path dir, int port, List<String> options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no",
                "--dir", dir.toString()));
        if (!options.contains("--bind")) {
            command.addAll(List.of("--bind", "127.0.0.1"));
        }
        command.addAll(options);
        Path log = dir.resolve("redis-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.readString(log).contains("Ready to accept connections")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                server.close();
                throw new IllegalStateException("redis-server did not start: " + command + "\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String scheme, String host) {
        return URI.create(scheme + "://" + host + ":" + port);
    }

    public URI uri() {
        return uri("redis", "127.0.0.1");
    }

    /** SIGSTOP: the kernel still accepts connections, but nothing ever answers. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
        paused = true;
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
        paused = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (paused) {
                resume();
            }
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "redis-server[pid " + process.pid() + ", port " + port + ", log " + log + "]";
    }
}
