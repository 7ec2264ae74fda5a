package dev.portico.functions.issue;

import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.QueueException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory issuance queue that remembers what was sent, or refuses like an unreachable SQS. */
final class RecordingQueue implements IssuanceQueue {
    record Sent(IssuanceRequest request, Duration delay) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    void refuse() {
        refusing = true;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void enqueue(IssuanceRequest request, Duration delay) throws QueueException {
        if (refusing) {
            throw new QueueException("queue unreachable (test)", new java.io.IOException("connection refused"));
        }
        sent.add(new Sent(request, delay));
    }

    @Override
    public Duration maxDelay() {
        return Duration.ofMinutes(15);
    }
}
