package dev.portico.edge.admin;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the store every interval on a thread of its own and remembers the answer, so {@code /readyz} answers at once
 * and a health checker hammering it costs the store nothing extra. Not ready means new names cannot be loaded; known
 * ones are still served (the load balancer may keep or drop the task: both are safe).
 */
public final class ReadinessProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

    /** The check, blocking, throwing when the store is not reachable. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final Check check;
    private final Duration interval;
    private final Thread thread;
    private volatile Optional<String> problem = Optional.of("not checked yet");
    private volatile boolean stopping;

    private ReadinessProbe(Check check, Duration interval) {
        this.check = check;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("readiness").unstarted(this::run);
    }

    public static ReadinessProbe start(Check check, Duration interval) {
        ReadinessProbe probe = new ReadinessProbe(check, interval);
        probe.thread.start();
        return probe;
    }

    /** Empty when ready; otherwise why not. */
    public Optional<String> problem() {
        return problem;
    }

    private void run() {
        while (!stopping) {
            Optional<String> before = problem;
            try {
                check.run();
                problem = Optional.empty();
            } catch (Exception e) {
                problem = Optional.of("store unreachable: " + e.getMessage());
            }
            if (!before.equals(problem)) {
                if (problem.isEmpty()) {
                    log.info("ready: the store answers");
                } else {
                    log.warn("not ready: {}", problem.get());
                }
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
