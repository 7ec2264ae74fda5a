package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoredCertificate;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.testkit.LocalServices;
import dev.portico.testkit.PebbleRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code local/dev up}: starts Portico on this machine, plays the registration story once, and keeps running with the
 * API on loopback until Ctrl-C. With {@code --check} it exits after the story: 0 when every step passed, 1 otherwise.
 */
public final class Main {
    private static final String DOMAIN = "shop.tenant-a.test";
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE_V1 = "<h1>The shop of tenant A</h1>\n<p>version 1</p>\n";
    private static final String SITE_V2 = "<h1>The shop of tenant A</h1>\n<p>version 2</p>\n";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean check = java.util.Arrays.asList(args).contains("--check");
        int apiPort = Integer.getInteger("portico.apiPort", 8080);
        LocalSystem.Ports ports = new LocalSystem.Ports(Integer.getInteger("portico.httpsPort", 8443),
                Integer.getInteger("portico.adminPort", 9090), Integer.getInteger("portico.originPort", 8081));
        long started = System.nanoTime();
        try (LocalSystem system = LocalSystem.start("local:", ports);
                LocalApiServer api = LocalApiServer.start(apiPort,
                        event -> system.api(event))) {
            EdgeProxyServer.Ports edge = system.edgePorts();
            step(started, "started: API http://127.0.0.1:" + api.port() + "/domains, edge http :" + edge.http()
                    + " https :" + edge.https() + " admin :" + edge.admin() + ", tenant site " + system.origin().url()
                    + " (files in the emulator's S3)");
            boolean ok = story(system, started);
            if (check) {
                System.exit(ok ? 0 : 1);
            }
            Path root = LocalServices.repoRoot().resolve("local/.run/pebble-issuer-root.pem");
            Files.writeString(root, Pem.encodeChain(List.of(PebbleRoots.issuerRoot())));
            System.out.printf("%nPortico is running. Try:%n"
                    + "  curl -s http://127.0.0.1:%d/domains/%s%n"
                    + "  curl --resolve %s:%d:127.0.0.1 --cacert %s https://%s:%d/%n"
                    + "  curl -s http://127.0.0.1:%d/metrics%n"
                    + "  curl -s -XPOST http://127.0.0.1:%d/domains -H 'content-type: application/json' \\%n"
                    + "       -d '{\"domain\":\"blog.tenant-a.test\",\"tenant\":\"tenant-a\",\"origin\":\"%s\"}'%n"
                    + "  curl -s -XPOST http://127.0.0.1:%d/purge -H 'content-type: application/json' \\%n"
                    + "       -d '{\"tenant\":\"tenant-a\",\"domain\":\"%s\",\"scope\":\"url\",\"value\":\"/\"}'%n"
                    + "Ctrl-C stops it.%n", api.port(), DOMAIN, DOMAIN, edge.https(), root, DOMAIN, edge.https(),
                    edge.admin(), api.port(), system.origin().url(), api.port(), DOMAIN);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
    }

    /**
     * Publish the tenant's site, register its domain, wait for active, verify the certificate against the CA's root,
     * then visit the site over HTTPS through the edge; each step printed with its time.
     */
    private static boolean story(LocalSystem system, long started) {
        try {
            system.origin().put("/", SITE_V1);
            APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + DOMAIN
                    + "\",\"tenant\":\"tenant-a\",\"origin\":\"" + system.origin().url() + "\"}");
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
            int https = system.edgePorts().https();
            EdgeHttpsCheck.Answer visit = EdgeHttpsCheck.get(DOMAIN, https, "/");
            boolean served = visit.status() == 200 && visit.body().equals(SITE_V1)
                    && visit.leaf().getSerialNumber().toString(16).equals(cert.serial());
            step(started, "GET https://" + DOMAIN + ":" + https + "/ -> " + visit.status() + " through the edge, "
                    + "certificate " + visit.leaf().getSerialNumber().toString(16) + " verified for " + DOMAIN
                    + ", body from the tenant's site: " + (visit.body().equals(SITE_V1) ? "as published" : "WRONG"));
            if (!served) {
                step(started, "FAILED: expected 200, the published page and certificate " + cert.serial());
                return false;
            }
            return purgeStory(system, started, https);
        } catch (Exception e) {
            step(started, "FAILED: " + e);
            return false;
        }
    }

    /** The tenant publishes a new version: the edge keeps its cached copy until a purge, then serves the new one. */
    private static boolean purgeStory(LocalSystem system, long started, int https) throws Exception {
        system.origin().put("/", SITE_V2);
        EdgeHttpsCheck.Answer cached = EdgeHttpsCheck.get(DOMAIN, https, "/");
        step(started, "site changed at the origin; the edge still serves " + version(cached.body()) + " (X-Cache: "
                + cached.xCache() + ")");
        APIGatewayV2HTTPResponse purge = system.api("POST", "/purge", "{\"tenant\":\"tenant-a\",\"domain\":\""
                + DOMAIN + "\",\"scope\":\"url\",\"value\":\"/\"}");
        long purgedAt = System.nanoTime();
        step(started, "POST /purge url / of " + DOMAIN + " (what 'cli/portico purge' sends) -> "
                + purge.getStatusCode());
        if (purge.getStatusCode() != 202) {
            step(started, "FAILED: " + purge.getBody());
            return false;
        }
        EdgeHttpsCheck.Answer fresh = cached;
        long deadline = purgedAt + Duration.ofSeconds(10).toNanos();
        while (!fresh.body().equals(SITE_V2) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            fresh = EdgeHttpsCheck.get(DOMAIN, https, "/");
        }
        if (!fresh.body().equals(SITE_V2)) {
            step(started, "FAILED: the edge still serves " + version(fresh.body()) + " 10 s after the purge");
            return false;
        }
        step(started, "the edge serves " + version(fresh.body()) + " (X-Cache: " + fresh.xCache() + "), "
                + (System.nanoTime() - purgedAt) / 1_000_000 + " ms after the purge was accepted");
        return true;
    }

    private static String version(String body) {
        return body.contains("version 2") ? "version 2" : body.contains("version 1") ? "version 1" : "?";
    }

    private static void step(long started, String what) {
        System.out.printf("[%6.2f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}
