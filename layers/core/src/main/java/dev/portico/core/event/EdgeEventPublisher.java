package dev.portico.core.event;

/** Sends an event to every edge proxy (SNS {@code edge-events} in AWS). */
public interface EdgeEventPublisher {
    /**
     * Publishes the event; on return it is durably accepted for delivery to every subscribed proxy.
     *
     * @return the transport's message id, for logs
     */
    String publish(EdgeEvent event) throws EventPublishException;
}
