package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.PebbleRoots;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code local/dev up}: starts Portico on this machine, plays the registration story once, and keeps running with the
 * API on loopback until Ctrl-C. With {@code --check} it exits after the story: 0 when every step passed, 1 otherwise.
 */
public final class Main {
    private static final String DOMAIN = "shop.tenant-a.test";
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean check = java.util.Arrays.asList(args).contains("--check");
        int apiPort = Integer.parseInt(System.getProperty("portico.apiPort", "8080"));
        long started = System.nanoTime();
        try (LocalSystem system = LocalSystem.start("local:");
                LocalApiServer api = LocalApiServer.start(apiPort,
                        event -> system.api(event))) {
            step(started, "started: API http://127.0.0.1:" + api.port() + "/domains, edge HTTP port "
                    + system.httpPort());
            boolean ok = story(system, started);
            if (check) {
                System.exit(ok ? 0 : 1);
            }
            System.out.printf("%nPortico is running. Try:%n  curl -s http://127.0.0.1:%d/domains/%s%n"
                    + "  curl -s -XPOST http://127.0.0.1:%d/domains -H 'content-type: application/json' \\%n"
                    + "       -d '{\"domain\":\"blog.tenant-a.test\",\"tenant\":\"tenant-a\",\"origin\":\"http://127.0.0.1:8081\"}'%n"
                    + "Ctrl-C stops it.%n", api.port(), DOMAIN, api.port());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
    }

    /** Register, wait for active, verify the certificate against the CA's root; each step printed with its time. */
    private static boolean story(LocalSystem system, long started) {
        try {
            APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + DOMAIN
                    + "\",\"tenant\":\"tenant-a\",\"origin\":\"http://127.0.0.1:8081\"}");
            step(started, "POST /domains " + DOMAIN + " -> " + created.getStatusCode() + " "
                    + JSON.readTree(created.getBody()).path("status").asText());
            if (created.getStatusCode() != 202 && created.getStatusCode() != 200) {
                step(started, "FAILED: " + created.getBody());
                return false;
            }
            String last = "";
            long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode record = JSON.readTree(system.api("GET", "/domains/" + DOMAIN, null).getBody());
                String status = record.path("status").asText();
                if (!status.equals(last)) {
                    step(started, DOMAIN + " is " + status
                            + (record.path("reason").isTextual() ? " (" + record.path("reason").asText() + ")" : ""));
                    last = status;
                }
                if (status.equals("active") || status.equals("failed")) {
                    break;
                }
                Thread.sleep(100);
            }
            if (!last.equals("active")) {
                step(started, "FAILED: " + DOMAIN + " did not become active within " + ACTIVE_WITHIN);
                return false;
            }
            StoredCertificate cert = system.store().certificates().find(DomainName.ofTrusted(DOMAIN)).orElseThrow();
            PebbleRoots.verify(Pem.parseChain(cert.chainPem()));
            step(started, "certificate serial " + cert.serial() + ", valid until " + cert.notAfter()
                    + ", verified against Pebble's root; key stored sealed");
            return true;
        } catch (Exception e) {
            step(started, "FAILED: " + e);
            return false;
        }
    }

    private static void step(long started, String what) {
        System.out.printf("[%6.2f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}
