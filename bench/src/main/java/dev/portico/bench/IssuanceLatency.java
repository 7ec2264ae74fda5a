package dev.portico.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.local.LocalSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Time from {@code POST /domains} to {@code active} against the local Pebble, through the real functions, queue
 * and edge proxy of {@link LocalSystem}. Two passes: one domain at a time (pure latency), then all at once (a
 * burst, as when a SaaS imports its tenants). Prints one line per pass: {@code portico <mode> n p50_ms p95_ms max_ms}.
 * Bounded: every domain must turn active within {@link #DEADLINE}, or the run fails.
 */
public final class IssuanceLatency {
    static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuanceLatency() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (LocalSystem system = LocalSystem.start("bench-" + run + ":", LocalSystem.Ports.any())) {
            warmUp(system, run);
            List<Long> sequential = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sequential.add(registerAndAwait(system, "seq" + i + "-" + run + ".bench.test"));
            }
            print("sequential", sequential);
            ExecutorService pool = Executors.newFixedThreadPool(count);
            try {
                List<Future<Long>> burst = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String domain = "burst" + i + "-" + run + ".bench.test";
                    burst.add(pool.submit(() -> registerAndAwait(system, domain)));
                }
                List<Long> times = new ArrayList<>();
                for (Future<Long> f : burst) {
                    times.add(f.get());
                }
                print("burst", times);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The first issuance also creates the ACME account and loads classes: not what a tenant waits for. */
    private static void warmUp(LocalSystem system, String run) throws Exception {
        registerAndAwait(system, "warmup-" + run + ".bench.test");
    }

    static long registerAndAwait(LocalSystem system, String domain) throws Exception {
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse created = system.api("POST", "/domains",
                "{\"domain\":\"" + domain + "\",\"tenant\":\"bench\",\"origin\":\"http://127.0.0.1:8081\"}");
        if (created.getStatusCode() != 202) {
            throw new IllegalStateException(domain + ": POST answered " + created.getStatusCode() + " "
                    + created.getBody());
        }
        long deadline = start + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String status = JSON.readTree(system.api("GET", "/domains/" + domain, null).getBody()).path("status")
                    .asText();
            if (status.equals("active")) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (status.equals("failed")) {
                throw new IllegalStateException(domain + " failed");
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(domain + " not active within " + DEADLINE);
    }

    private static void print(String mode, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("portico %s %d %d %d %d%n", mode, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 95), sorted.get(sorted.size() - 1));
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
