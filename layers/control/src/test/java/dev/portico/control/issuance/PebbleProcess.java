package dev.portico.control.issuance;

import dev.portico.testkit.LocalServices;
import dev.portico.testkit.PebbleRoots;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Pebble of one test's own, for knobs that only apply at start (nonce rejection): its own ports, the listener
 * certificate and DNS of the shared one, and HTTP-01 validations sent to {@code httpPort}, where the test's own
 * edge proxy answers. Closing stops it; it forgets every account and order, as a restarted Pebble does.
 */
final class PebbleProcess implements AutoCloseable {
    static final int PORT = 14100;
    static final int MANAGEMENT_PORT = 15100;

    private final Process process;
    private final Path log;

    private PebbleProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts Pebble rejecting {@code nonceRejectPercent} of good nonces and waits until its directory answers. */
    static PebbleProcess start(int httpPort, int nonceRejectPercent, Path dir) throws Exception {
        Path listener = LocalServices.acmeServerCa().getParent();
        Path config = dir.resolve("pebble-" + nonceRejectPercent + ".json");
        Files.writeString(config, """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s",
                  "httpPort": %d, "tlsPort": %d, "ocspResponderURL": "", "externalAccountBindingRequired": false
                }}""".formatted(PORT, MANAGEMENT_PORT, listener.resolve("localhost.pem"),
                listener.resolve("localhost.key.pem"), httpPort, httpPort + 1));
        Path log = dir.resolve("pebble-" + nonceRejectPercent + ".log");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/pebble", "-config", config.toString(), "-dnsserver",
                LocalServices.get("PORTICO_ACME_DNS")).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", Integer.toString(nonceRejectPercent));
        PebbleProcess pebble = new PebbleProcess(builder.start(), log);
        pebble.awaitReady(Duration.ofSeconds(15));
        return pebble;
    }

    URI directory() {
        return URI.create("https://localhost:" + PORT + "/dir");
    }

    URI management() {
        return URI.create("https://localhost:" + MANAGEMENT_PORT);
    }

    private void awaitReady(Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pebble exited at start (is port " + PORT + " or " + MANAGEMENT_PORT
                        + " taken?): " + Files.readString(log));
            }
            try {
                if (PebbleRoots.get(directory()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("pebble did not answer at " + directory() + " within " + bound + ": "
                + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
