package dev.portico.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.portico.control.renewal.RenewalRun;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.testkit.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The renewal as visitors live it, on the whole local system: the schedule (its clock moved past renew-at) enqueues
 * the renewal on the emulator's SQS queue, IssueCertificate renews through Pebble, and the edge proxy, visited over
 * HTTPS all along, serves the old certificate until the new one is stored and the new one from then on, with no
 * failed handshake and no restart.
 */
class RenewalThroughTheEdgeIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start("renew-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                LocalSystem.Ports.any());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theScheduleRenewsThroughPebbleAndTheEdgeServesTheOldCertificateUntilTheNewOne() throws Exception {
        String name = "renew-" + UUID.randomUUID().toString().substring(0, 8) + ".tenant-a.test";
        DomainName domain = DomainName.ofTrusted(name);
        system.origin().put("/index.html", "<p>" + name + "</p>");
        APIGatewayV2HTTPResponse created = system.api("POST", "/domains", "{\"domain\":\"" + name
                + "\",\"tenant\":\"tenant-a\",\"origin\":\"" + system.origin().url() + "\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(202);
        DomainRecord first = await(domain, r -> r.status() == DomainStatus.ACTIVE);
        String oldSerial = first.certificate().orElseThrow().serial();

        // A visitor all along: every answer's certificate serial, in order, and any failure.
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread visitor = Thread.ofPlatform().name("visitor").start(() -> {
            long deadline = System.nanoTime() + WITHIN.multipliedBy(2).toNanos();
            while (watching.get() && System.nanoTime() < deadline) {
                try {
                    EdgeHttpsCheck.Answer answer = EdgeHttpsCheck.get(name, system.edgePorts().https(), "/index.html");
                    served.add(answer.leaf().getSerialNumber().toString(16));
                    if (answer.status() != 200) {
                        failures.add("HTTP " + answer.status());
                    }
                    Thread.sleep(25);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        awaitServed(served, oldSerial);

        MutableClock clock = new MutableClock(first.renewAt().orElseThrow().plusSeconds(1));
        RenewalRun run = system.renewalScheduler(clock).run();
        assertThat(run.enqueued()).isEqualTo(1);
        DomainRecord renewed = await(domain, r -> r.status() == DomainStatus.ACTIVE
                && !r.certificate().orElseThrow().serial().equals(oldSerial));
        String newSerial = renewed.certificate().orElseThrow().serial();
        awaitServed(served, newSerial);
        Thread.sleep(300);
        watching.set(false);
        visitor.join();

        List<String> seen = List.copyOf(served);
        int switchAt = seen.indexOf(normalized(newSerial));
        System.out.printf("visits: %d, old certificate on the first %d, new from then on; failures: %s%n",
                seen.size(), switchAt, failures);
        assertThat(failures).isEmpty();
        assertThat(switchAt).isPositive();
        assertThat(seen.subList(0, switchAt)).containsOnly(normalized(oldSerial));
        assertThat(seen.subList(switchAt, seen.size())).containsOnly(normalized(newSerial)).hasSizeGreaterThan(2);
    }

    private static String normalized(String hexSerial) {
        return new BigInteger(hexSerial, 16).toString(16);
    }

    private static void awaitServed(List<String> served, String serial) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (served.contains(normalized(serial))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the edge did not serve certificate " + serial + " within " + WITHIN
                + "; served: " + served.subList(Math.max(0, served.size() - 5), served.size()));
    }

    private static DomainRecord await(DomainName domain, java.util.function.Predicate<DomainRecord> wanted)
            throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        DomainRecord last = null;
        while (System.nanoTime() < deadline) {
            last = system.store().domains().find(domain).orElseThrow();
            if (wanted.test(last)) {
                return last;
            }
            assertThat(last.status()).as("%s: %s", domain, last.reason().orElse("")).isNotEqualTo(DomainStatus.FAILED);
            Thread.sleep(100);
        }
        throw new AssertionError(domain + " not as wanted within " + WITHIN + "; last: " + last);
    }
}
