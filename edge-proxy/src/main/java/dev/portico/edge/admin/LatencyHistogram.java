package dev.portico.edge.admin;

import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed buckets; lock-free, for the event loops to record into. */
public final class LatencyHistogram {
    private static final double[] BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_SECONDS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            if (seconds <= BOUNDS_SECONDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sumMicros.add(nanos / 1000);
    }

    void render(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name).append("_bucket{le=\"").append(BOUNDS_SECONDS[i]).append("\"} ").append(cumulative)
                    .append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum ").append(sumMicros.sum() / 1e6).append('\n');
        out.append(name).append("_count ").append(total).append('\n');
    }
}
