package dev.portico.edge.events;

import java.util.UUID;
import java.util.function.Function;

/** A name for this running proxy, unique enough for its own queue: PORTICO_EDGE_INSTANCE, or random per start. */
public final class EdgeInstance {
    private static final int MAX_LENGTH = 60;

    private EdgeInstance() {
    }

    public static String id(Function<String, String> env) {
        String configured = env.apply("PORTICO_EDGE_INSTANCE");
        String raw = configured == null || configured.isBlank()
                ? UUID.randomUUID().toString()
                : configured.strip();
        // SQS queue names: letters, digits, '-' and '_' only.
        String safe = raw.replaceAll("[^A-Za-z0-9_-]", "-");
        return safe.length() > MAX_LENGTH ? safe.substring(safe.length() - MAX_LENGTH) : safe;
    }
}
