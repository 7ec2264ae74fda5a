package dev.portico.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the real services of {@code local/services} listen. Each value comes from the environment first, then from
 * the {@code *.env} files that {@code local/services start} writes under {@code local/.run/}. A missing or silent
 * service fails the test with the command that fixes it: integration tests never skip quietly.
 */
public final class LocalServices {
    private static final Map<String, String> FILES = loadEnvFiles();

    private LocalServices() {
    }

    public static String get(String key) {
        String fromEnv = System.getenv(key);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        String fromFile = FILES.get(key);
        if (fromFile == null) {
            throw new IllegalStateException(key + " is not set and no local/.run/*.env file defines it: "
                    + "start the services with 'local/services start' (or run the tests through 'local/dev test')");
        }
        return fromFile;
    }

    /** {@code redis://host:port} of the Redis that tests may write to. */
    public static URI redisUri() {
        return requireListening("Redis", URI.create(get("PORTICO_REDIS_URL")));
    }

    public static URI acmeDirectory() {
        return requireListening("Pebble", URI.create(get("PORTICO_ACME_DIRECTORY")));
    }

    /** The CA that signed Pebble's own HTTPS listener. */
    public static Path acmeServerCa() {
        return Path.of(get("PORTICO_ACME_SERVER_CA"));
    }

    /** The port Pebble's validation authority connects to for HTTP-01. */
    public static int http01Port() {
        return Integer.parseInt(get("PORTICO_HTTP01_PORT"));
    }

    public static URI awsEndpoint() {
        return requireListening("AWS emulator", URI.create(get("AWS_ENDPOINT_URL")));
    }

    public static String awsRegion() {
        return get("AWS_REGION");
    }

    private static URI requireListening(String name, URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return uri;
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not answering at " + uri.getHost() + ":" + port
                    + ": start it with 'local/services start'", e);
        }
    }

    /** The repository root: the nearest directory upwards holding {@code local/services}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("local/services"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with local/services) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Map<String, String> loadEnvFiles() {
        Map<String, String> values = new HashMap<>();
        String runDir = Optional.ofNullable(System.getenv("PORTICO_RUN_DIR")).orElse(null);
        Path dir;
        try {
            dir = runDir != null ? Path.of(runDir) : repoRoot().resolve("local/.run");
        } catch (IllegalStateException noRepo) {
            return values;
        }
        if (!Files.isDirectory(dir)) {
            return values;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".env")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service env files in " + dir, e);
        }
        return values;
    }
}
