package dev.portico.edge.events;

import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventSource;
import dev.portico.core.event.EventSourceException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this proxy's event feed on a thread of its own (the reads block) and applies each event, then acknowledges
 * it. A failing feed is retried with growing pauses (1 s doubling to 30 s), so a region's SQS outage costs neither
 * CPU nor log floods; the periodic refresh of the caches is the backstop meanwhile.
 */
public final class EdgeEventListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeEventListener.class);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** The clean-up removes feeds silent for an hour; ten minutes leaves room for outages. */
    private static final Duration HEARTBEAT_EVERY = Duration.ofMinutes(10);

    /** Opens the feed (creating its queue, say); may fail, and is then tried again. */
    @FunctionalInterface
    public interface Opener {
        EdgeEventSource open() throws EventSourceException;
    }

    private final Opener opener;
    private final Consumer<EdgeEvent> apply;
    private final Thread thread;
    private volatile EdgeEventSource source;
    private volatile boolean stopping;

    private EdgeEventListener(Opener opener, Consumer<EdgeEvent> apply) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.apply = Objects.requireNonNull(apply, "apply");
        this.thread = Thread.ofPlatform().daemon().name("edge-events").unstarted(this::run);
    }

    /** Starts reading an open feed at once. */
    public static EdgeEventListener start(EdgeEventSource source, Consumer<EdgeEvent> apply) {
        return startOpening(() -> source, apply);
    }

    /**
     * Opens the feed on the listener's own thread, trying again with the same growing pauses until it opens (the
     * proxy serves meanwhile; a queue that cannot be created at start must not take the events away for good).
     */
    public static EdgeEventListener startOpening(Opener opener, Consumer<EdgeEvent> apply) {
        EdgeEventListener listener = new EdgeEventListener(opener, apply);
        listener.thread.start();
        return listener;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (!stopping && source == null) {
            try {
                source = opener.open();
            } catch (EventSourceException | RuntimeException e) {
                log.warn("edge event feed cannot be opened, retrying in {} s: {}", pause.toSeconds(), e.getMessage());
                if (!sleep(pause)) {
                    return;
                }
                pause = longer(pause);
            }
        }
        if (stopping) {
            closeSource();
            return;
        }
        pause = FIRST_PAUSE;
        long nextHeartbeat = System.nanoTime();
        while (!stopping) {
            try {
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    source.heartbeat();
                    nextHeartbeat = System.nanoTime() + HEARTBEAT_EVERY.toNanos();
                }
                List<EdgeEventSource.Received> received = source.receive(WAIT);
                for (EdgeEventSource.Received r : received) {
                    applyOne(r.event());
                }
                source.acknowledge(received);
                pause = FIRST_PAUSE;
            } catch (EventSourceException e) {
                if (stopping) {
                    return;
                }
                log.warn("edge events unavailable, retrying in {} s (caches still refresh on their own): {}",
                        pause.toSeconds(), e.getMessage());
                if (!sleep(pause)) {
                    return;
                }
                pause = longer(pause);
            }
        }
    }

    private static Duration longer(Duration pause) {
        return pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }

    private void applyOne(EdgeEvent event) {
        try {
            apply.accept(event);
            log.info("applied {} for {}", event.getClass().getSimpleName(), event.domain());
        } catch (RuntimeException e) {
            // One bad event must not stop the feed: the next refresh reads the store anyway.
            log.error("applying {} failed", event, e);
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading and removes the feed (its queue and subscription), if it was opened. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        closeSource();
    }

    private synchronized void closeSource() {
        EdgeEventSource open = source;
        source = null;
        if (open != null) {
            open.close();
        }
    }
}
