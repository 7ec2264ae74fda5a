package dev.portico.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** EventBridge's scheduled events, as a stream handler reads them beside its other inputs. */
public final class ScheduledEvents {
    private ScheduledEvents() {
    }

    /** True for the event of an EventBridge schedule: a rule's ({@code aws.events}) or EventBridge Scheduler's. */
    public static boolean isScheduled(JsonNode event) {
        String source = event.path("source").asText();
        return "aws.events".equals(source) || "aws.scheduler".equals(source)
                || "Scheduled Event".equals(event.path("detail-type").asText());
    }
}
