package dev.portico.functions.purge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.core.event.EdgeEvent;

/**
 * What a caller is told was published, the same for the API and a direct invocation:
 * {@code {"eventId", "domain", "tenant", "scope", "value", "publishedAt", "messageId"}}. The event id is the one
 * every edge proxy logs the purge under.
 */
final class PurgeView {
    private PurgeView() {
    }

    static ObjectNode of(PurgeResult result) {
        EdgeEvent.Purge event = result.event();
        return PurgeInput.JSON.createObjectNode()
                .put("eventId", event.id())
                .put("domain", event.domain().ascii())
                .put("tenant", event.tenant().value())
                .put("scope", PurgeRequest.label(event.scope()))
                .put("value", event.value())
                .put("publishedAt", event.at().toString())
                .put("messageId", result.messageId());
    }
}
