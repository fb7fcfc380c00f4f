package io.github.meddistill.eval.cost;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Speed and cost of one system, derived from a {@link SystemCost}. Values that were not measured are
 * empty rather than 0 or NaN: throughput needs a wall time, percentiles need latencies.
 * Percentiles use the nearest-rank method (p50 of 1..10 ms is 5 ms, p95 is 10 ms).
 *
 * @param system the system's name
 * @param notes number of notes
 * @param notesPerSecond notes / wall time in seconds
 * @param latencyP50Millis median latency
 * @param latencyP95Millis 95th percentile latency
 * @param tokensPer1000Notes total (input + output) tokens per 1,000 notes
 * @param inputTokensPer1000Notes input tokens per 1,000 notes
 * @param outputTokensPer1000Notes output tokens per 1,000 notes
 * @param usdPer1000Notes dollars per 1,000 notes
 * @param measurement the measurement these values come from
 */
public record SpeedCost(String system, int notes, OptionalDouble notesPerSecond, OptionalDouble latencyP50Millis,
                        OptionalDouble latencyP95Millis, double tokensPer1000Notes, double inputTokensPer1000Notes,
                        double outputTokensPer1000Notes, double usdPer1000Notes, SystemCost measurement) {

    /** Derives speed and cost from a measurement. */
    public static SpeedCost of(SystemCost cost) {
        Objects.requireNonNull(cost, "cost");
        double perThousand = 1000.0 / cost.notes();
        double seconds = cost.wallTime().toNanos() / 1e9;
        OptionalDouble throughput = seconds > 0 ? OptionalDouble.of(cost.notes() / seconds) : OptionalDouble.empty();
        double[] latencies = cost.latenciesMillis().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new SpeedCost(cost.system(), cost.notes(), throughput, percentile(latencies, 50), percentile(latencies, 95),
                cost.tokens().totalTokens() * perThousand, cost.tokens().inputTokens() * perThousand,
                cost.tokens().outputTokens() * perThousand, cost.costUsd() * perThousand, cost);
    }

    /** Nearest-rank percentile of sorted values; empty for no values. */
    static OptionalDouble percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(rank, 1) - 1]);
    }
}
