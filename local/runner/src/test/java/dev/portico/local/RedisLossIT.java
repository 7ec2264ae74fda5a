package dev.portico.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.aws.AwsClients;
import dev.portico.aws.S3RecordArchive;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.reconcile.ReconcileResult;
import dev.portico.control.reconcile.Reconciler;
import dev.portico.store.redis.RedisStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The done-when through the whole local system: domains registered and issued through the API, Redis loses
 * everything this run wrote (every key under the run's prefix: the shared Redis must not be flushed), the edge keeps
 * serving what it holds, a reconcile from the record bucket brings every domain back active with the same
 * certificate, and a second one changes nothing.
 */
class RedisLossIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start("loss-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                LocalSystem.Ports.any());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static Reconciler reconciler() {
        Map<String, String> env = system.environment();
        AwsClients aws = AwsClients.fromEnvironment(env::get);
        RedisStore store = system.store();
        return new Reconciler(S3RecordArchive.fromEnvironment(env::get, aws), store.domains(), store.certificates(),
                store.renewals(), store.reconcileMarker(),
                new SqsIssuanceQueue(aws.sqs(), env.get("ISSUANCE_QUEUE_URL")), Clock.systemUTC(), 100);
    }

    @Test
    void afterRedisLosesEverythingAReconcileBringsEveryDomainBackActiveAndServed() throws Exception {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String domain = "lost" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".tenant-r.test";
            system.origin().put("/" + domain + ".html", "<p>" + domain + "</p>");
            APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + domain
                    + "\",\"tenant\":\"tenant-r\",\"origin\":\"" + system.origin().url() + "\"}");
            assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(202);
            domains.add(domain);
        }
        List<String> serials = new ArrayList<>();
        for (String domain : domains) {
            serials.add(awaitActive(domain).at("/certificate/serial").asText());
            assertThat(EdgeHttpsCheck.get(domain, system.edgePorts().https(), "/" + domain + ".html").status())
                    .isEqualTo(200);
        }
        assertThat(reconciler().reconcileIfLost()).as("first start writes the marker").isPresent();

        wipeThisRunsKeys();
        for (String domain : domains) {
            assertThat(system.api("GET", "/domains/" + domain, null).getStatusCode()).isEqualTo(404);
            // The proxy keeps serving the certificate and content it holds while the store is empty.
            assertThat(EdgeHttpsCheck.get(domain, system.edgePorts().https(), "/" + domain + ".html").status())
                    .isEqualTo(200);
        }

        ReconcileResult result = reconciler().reconcileIfLost().orElseThrow();

        assertThat(result.domainsRestored()).isEqualTo(2);
        assertThat(result.certificatesRestored()).isEqualTo(2);
        assertThat(result.completed()).isTrue();
        for (int i = 0; i < domains.size(); i++) {
            JsonNode record = JSON.readTree(system.api("GET", "/domains/" + domains.get(i), null).getBody());
            assertThat(record.get("status").asText()).isEqualTo("active");
            assertThat(record.at("/certificate/serial").asText()).isEqualTo(serials.get(i));
            EdgeHttpsCheck.Answer visit = EdgeHttpsCheck.get(domains.get(i), system.edgePorts().https(),
                    "/" + domains.get(i) + ".html");
            assertThat(visit.status()).isEqualTo(200);
            assertThat(visit.leaf().getSerialNumber().toString(16)).isEqualTo(serials.get(i));
        }
        assertThat(reconciler().reconcile().changedNothing()).isTrue();
    }

    /** What FLUSHALL does to this run: every key under its prefix goes. */
    private static void wipeThisRunsKeys() {
        String prefix = system.environment().get("PORTICO_REDIS_KEY_PREFIX");
        try (RedisClient raw = RedisClient.create(URI.create(system.environment().get("PORTICO_REDIS_URL")))) {
            ScanParams match = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = raw.scan(cursor, match);
                if (!page.getResult().isEmpty()) {
                    raw.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static JsonNode awaitActive(String domain) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode record = null;
        while (System.nanoTime() < deadline) {
            record = JSON.readTree(system.api("GET", "/domains/" + domain, null).getBody());
            if (record.get("status").asText().equals("active")) {
                return record;
            }
            assertThat(record.get("status").asText()).as(record.toString()).isNotEqualTo("failed");
            Thread.sleep(200);
        }
        throw new AssertionError(domain + " not active within 60 s; last: " + record);
    }
}
