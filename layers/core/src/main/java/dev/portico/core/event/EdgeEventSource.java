package dev.portico.core.event;

import java.time.Duration;
import java.util.List;

/**
 * One edge proxy's own feed of edge events: every event published after it was opened reaches every open source (each
 * proxy has its own), at least once. Duplicates are possible and harmless: applying an event twice changes nothing.
 *
 * <p>Contract: {@link #receive} waits at most {@code wait} and returns what arrived (possibly nothing); an event is
 * delivered again until {@link #acknowledge}d; {@link #close} removes the feed, so nothing piles up for a proxy that
 * is gone.
 */
public interface EdgeEventSource extends AutoCloseable {
    /** An event with what is needed to acknowledge it. */
    record Received(EdgeEvent event, String receipt) {
    }

    /**
     * @return events in arrival order; messages that are not edge events are acknowledged and skipped (logged)
     * @throws EventSourceException when the feed cannot be read (the caller retries with backoff)
     */
    List<Received> receive(Duration wait) throws EventSourceException;

    void acknowledge(List<Received> handled) throws EventSourceException;

    /**
     * Says the feed's proxy is alive; the scheduled clean-up removes feeds whose proxy has not said so for a while
     * (a task killed without its shutdown). Called every few minutes.
     */
    void heartbeat() throws EventSourceException;

    /** Where the feed lives, for logs (a queue URL). */
    String describe();

    @Override
    void close();
}
