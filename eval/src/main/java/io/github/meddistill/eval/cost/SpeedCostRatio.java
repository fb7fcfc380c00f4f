package io.github.meddistill.eval.cost;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How much faster and cheaper one system is than a baseline, as in "the student is 12x faster and
 * 101x cheaper than GPT-4o". A ratio is empty when it is not defined: throughput of either system not
 * measured, latency not measured, or a cost of 0 on either side (no finite ratio).
 *
 * @param system the system compared
 * @param baseline the system it is compared with
 * @param timesFaster the system's notes/s divided by the baseline's
 * @param timesLowerLatency the baseline's p50 latency divided by the system's
 * @param timesCheaper the baseline's dollars per 1,000 notes divided by the system's
 */
public record SpeedCostRatio(String system, String baseline, OptionalDouble timesFaster, OptionalDouble timesLowerLatency,
                             OptionalDouble timesCheaper) {

    /** The ratios of {@code system} against {@code baseline}. */
    public static SpeedCostRatio of(SpeedCost system, SpeedCost baseline) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(baseline, "baseline");
        OptionalDouble faster = system.notesPerSecond().isPresent() && baseline.notesPerSecond().isPresent()
                ? ratio(system.notesPerSecond().getAsDouble(), baseline.notesPerSecond().getAsDouble())
                : OptionalDouble.empty();
        OptionalDouble lowerLatency = system.latencyP50Millis().isPresent() && baseline.latencyP50Millis().isPresent()
                ? ratio(baseline.latencyP50Millis().getAsDouble(), system.latencyP50Millis().getAsDouble())
                : OptionalDouble.empty();
        OptionalDouble cheaper = ratio(baseline.usdPer1000Notes(), system.usdPer1000Notes());
        return new SpeedCostRatio(system.system(), baseline.system(), faster, lowerLatency, cheaper);
    }

    private static OptionalDouble ratio(double numerator, double denominator) {
        return numerator > 0 && denominator > 0 ? OptionalDouble.of(numerator / denominator) : OptionalDouble.empty();
    }
}
