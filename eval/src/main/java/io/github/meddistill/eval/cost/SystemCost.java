package io.github.meddistill.eval.cost;

import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What running one system over a set of notes took: the measurements a pipeline fills in, from which
 * {@link SpeedCost} derives throughput, latency percentiles and cost per 1,000 notes.
 *
 * @param system the system's name
 * @param notes number of notes processed, at least 1
 * @param latenciesMillis wall time per note (or per call) in milliseconds; empty when not measured
 * @param wallTime total elapsed time for all notes (differs from the latency sum when notes ran in
 *     parallel or in batches); {@link Duration#ZERO} when not measured
 * @param tokens LLM tokens billed ({@link TokenUsage#ZERO} for local models)
 * @param costUsd dollars billed for these notes (API price, or compute cost for local models)
 */
public record SystemCost(String system, int notes, List<Double> latenciesMillis, Duration wallTime, TokenUsage tokens,
                         double costUsd) {

    public SystemCost {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(tokens, "tokens");
        latenciesMillis = List.copyOf(latenciesMillis);
        if (notes < 1) {
            throw new IllegalArgumentException("notes must be at least 1: notes=" + notes + " (system " + system + ")");
        }
        if (wallTime.isNegative()) {
            throw new IllegalArgumentException("wallTime must not be negative: wallTime=" + wallTime + " (system " + system + ")");
        }
        for (double latency : latenciesMillis) {
            if (!(latency >= 0) || Double.isInfinite(latency)) {
                throw new IllegalArgumentException("latenciesMillis must be finite and >= 0: latency=" + latency
                        + " (system " + system + ")");
            }
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("costUsd must be finite and >= 0: costUsd=" + costUsd + " (system " + system + ")");
        }
    }

    /** A measurement whose wall time is the sum of the per-note latencies (notes processed one after another). */
    public static SystemCost sequential(String system, List<Double> latenciesMillis, TokenUsage tokens, double costUsd) {
        double total = latenciesMillis.stream().mapToDouble(Double::doubleValue).sum();
        return new SystemCost(system, latenciesMillis.size(), latenciesMillis, Duration.ofNanos(Math.round(total * 1e6)),
                tokens, costUsd);
    }

    /** A system that re-uses other systems' output (no time, no tokens, no cost of its own). */
    public static SystemCost free(String system, int notes) {
        return new SystemCost(system, notes, List.of(), Duration.ZERO, TokenUsage.ZERO, 0);
    }
}
