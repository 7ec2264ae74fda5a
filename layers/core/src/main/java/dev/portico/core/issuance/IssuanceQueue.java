package dev.portico.core.issuance;

import java.time.Duration;

/**
 * Where issuance work waits (SQS in AWS). Delivery is at least once: the consumer takes the domain's lock and checks
 * again, so a duplicate costs a look-up, never a second order.
 */
public interface IssuanceQueue {
    /**
     * Sends the request, to be delivered no sooner than {@code delay} from now. Transports cap a single delay (SQS:
     * 15 minutes); longer waits are made of several hops, which the consumer handles by re-checking the due time.
     */
    void enqueue(IssuanceRequest request, Duration delay) throws QueueException;

    /** Longest single delay the transport honours. */
    Duration maxDelay();
}
