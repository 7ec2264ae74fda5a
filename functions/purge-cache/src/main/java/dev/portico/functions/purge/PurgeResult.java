package dev.portico.functions.purge;

import dev.portico.core.event.EdgeEvent;
import java.util.Objects;

/**
 * What was published: the event every edge proxy receives (its id, domain, tenant, scope, value and time) and the
 * transport's message id, for tracing it through SNS and the proxies' queues.
 */
public record PurgeResult(EdgeEvent.Purge event, String messageId) {
    public PurgeResult {
        Objects.requireNonNull(event, "event");
    }
}
