package dev.portico.edge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The proxy's counters, recorded lock-free from the event loops, rendered as Prometheus text by the admin port.
 * Gauges read their value when rendered (cache sizes), so nothing is sampled in the background.
 */
public final class EdgeMetrics {
    private final LongAdder[] responsesByClass = new LongAdder[6];
    private final LongAdder handshakeFailures = new LongAdder();
    private final AtomicLong openConnections = new AtomicLong();
    private final LatencyHistogram originLatency = new LatencyHistogram();
    private final List<Sampled> sampled = new ArrayList<>();

    private record Sampled(String name, String type, String help, String labels, LongSupplier value) {
    }

    public EdgeMetrics() {
        for (int i = 0; i < responsesByClass.length; i++) {
            responsesByClass[i] = new LongAdder();
        }
    }

    /** A value read at render time, such as a cache size or a counter kept elsewhere. */
    public synchronized EdgeMetrics sample(String name, String type, String help, String labels, LongSupplier value) {
        sampled.add(new Sampled(name, type, help, labels, value));
        return this;
    }

    public void response(int status) {
        int statusClass = status / 100;
        responsesByClass[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].increment();
    }

    public void handshakeFailed() {
        handshakeFailures.increment();
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    public long openConnections() {
        return openConnections.get();
    }

    /** From the request's arrival to the origin's response head. */
    public void originLatency(long nanos) {
        originLatency.record(nanos);
    }

    public long handshakeFailures() {
        return handshakeFailures.sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP portico_http_responses_total Responses sent to visitors, by status class.\n");
        out.append("# TYPE portico_http_responses_total counter\n");
        for (int i = 1; i <= 5; i++) {
            out.append("portico_http_responses_total{code=\"").append(i).append("xx\"} ")
                    .append(responsesByClass[i].sum()).append('\n');
        }
        gauge(out, "portico_connections_open", "Visitor connections open now.", "", openConnections.get());
        originLatency.render(out, "portico_origin_latency_seconds",
                "Time from a request's arrival to its origin's response head.");
        String previous = null;
        synchronized (this) {
            for (Sampled s : sampled) {
                if (!s.name().equals(previous)) {
                    out.append("# HELP ").append(s.name()).append(' ').append(s.help()).append('\n');
                    out.append("# TYPE ").append(s.name()).append(' ').append(s.type()).append('\n');
                    previous = s.name();
                }
                out.append(s.name()).append(s.labels()).append(' ').append(s.value().getAsLong()).append('\n');
            }
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }
}
