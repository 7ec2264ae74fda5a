package dev.portico.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.PebbleRoots;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The control plane as a SaaS backend meets it: POST a domain to the DomainsApi function, the message travels the
 * emulator's SQS queue to the IssueCertificate function, Pebble validates HTTP-01 against the edge proxy's port-80
 * server, and the domain turns active with a certificate that verifies for exactly that name.
 */
class RegistrationToCertificateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start("e2e-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                LocalSystem.Ports.any());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRegisteredDomainBecomesActiveAndIsServedOverHttpsThroughTheEdge() throws Exception {
        String domain = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".tenant-a.test";
        system.origin().put("/welcome.html", "<p>welcome to " + domain + "</p>");
        APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + domain
                + "\",\"tenant\":\"tenant-a\",\"origin\":\"" + system.origin().url() + "\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(202);
        assertThat(created.getHeaders()).containsEntry("location", "/domains/" + domain);

        JsonNode active = awaitStatus(domain, "active");
        assertThat(active.at("/certificate/serial").asText()).isNotBlank();

        StoredCertificate stored = system.store().certificates().find(DomainName.ofTrusted(domain)).orElseThrow();
        List<X509Certificate> chain = Pem.parseChain(stored.chainPem());
        PebbleRoots.verify(chain);
        assertThat(chain.get(0).getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                .containsExactly((Object) domain);
        assertThat(active.at("/certificate/serial").asText()).isEqualTo(stored.serial());

        assertKeyOnlySealed(domain, stored, chain.get(0));

        EdgeHttpsCheck.Answer visit = EdgeHttpsCheck.get(domain, system.edgePorts().https(), "/welcome.html");
        assertThat(visit.status()).isEqualTo(200);
        assertThat(visit.body()).isEqualTo("<p>welcome to " + domain + "</p>");
        assertThat(visit.leaf()).isEqualTo(chain.get(0));
    }

    @Test
    void aDuplicateRegistrationIsIdempotentAndAnotherTenantIsRefused() throws Exception {
        String domain = "dup-" + UUID.randomUUID().toString().substring(0, 8) + ".tenant-b.test";
        String body = "{\"domain\":\"" + domain + "\",\"tenant\":\"tenant-b\",\"origin\":\"http://127.0.0.1:8081\"}";
        assertThat(system.api("POST", "/domains", body).getStatusCode()).isEqualTo(202);
        assertThat(system.api("POST", "/domains", body).getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPResponse taken = system.api("POST", "/domains", body.replace("tenant-b\"", "tenant-c\""));
        assertThat(taken.getStatusCode()).isEqualTo(409);
        assertThat(JSON.readTree(taken.getBody()).get("error").asText()).isEqualTo("domain_taken");
        awaitStatus(domain, "active");
    }

    /** The key is in Redis only as the sealed envelope, and that envelope opens to the certificate's own key. */
    private static void assertKeyOnlySealed(String domain, StoredCertificate stored, X509Certificate leaf)
            throws Exception {
        String prefix = system.environment().get("PORTICO_REDIS_KEY_PREFIX");
        try (RedisClient raw = RedisClient.create(java.net.URI.create(system.environment().get("PORTICO_REDIS_URL")))) {
            Map<String, String> hash = raw.hgetAll(prefix + "cert:" + domain);
            assertThat(hash).isNotEmpty();
            assertThat(String.join("\n", hash.values())).doesNotContain("PRIVATE KEY");
        }
        KeyEnvelope envelope = KeyEnvelope.withDefaults(
                LocalDataKeyProvider.fromFile(Path.of(system.environment().get("PORTICO_LOCAL_MASTER_KEY_FILE"))));
        PrivateKey key = Pem.decodePrivateKey(envelope.open(stored.key(), DomainName.ofTrusted(domain)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static JsonNode awaitStatus(String domain, String wanted) throws Exception {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        JsonNode record = null;
        while (System.nanoTime() < deadline) {
            APIGatewayV2HTTPResponse response = system.api("GET", "/domains/" + domain, null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            record = JSON.readTree(response.getBody());
            String status = record.get("status").asText();
            if (status.equals(wanted)) {
                return record;
            }
            assertThat(status).as("%s: %s", domain, record.path("reason").asText()).isNotEqualTo("failed");
            Thread.sleep(200);
        }
        throw new AssertionError(domain + " not " + wanted + " within " + ACTIVE_WITHIN + "; last: " + record);
    }
}
