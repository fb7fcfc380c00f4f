package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one system produced on the test documents, and what that cost.
 *
 * @param name the system's name (a teacher's name, {@code "combination"}, ...)
 * @param role its part in the method
 * @param predictions its annotations, one per test document
 * @param latenciesMillis wall time per note in milliseconds, in the order of {@code predictions}
 *     (empty when not measured, e.g. for a combination that only re-uses teachers' labels)
 * @param tokens tokens billed for these notes
 * @param costUsd dollars billed for these notes
 */
public record SystemRun(String name, SystemRole role, List<Annotation> predictions, List<Double> latenciesMillis,
                        TokenUsage tokens, double costUsd) {

    public SystemRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        predictions = List.copyOf(predictions);
        latenciesMillis = List.copyOf(latenciesMillis);
        Objects.requireNonNull(tokens, "tokens");
        if (!latenciesMillis.isEmpty() && latenciesMillis.size() != predictions.size()) {
            throw new IllegalArgumentException("latenciesMillis must be empty or one per prediction: latencies="
                    + latenciesMillis.size() + ", predictions=" + predictions.size() + " (system " + name + ")");
        }
        if (costUsd < 0 || Double.isNaN(costUsd)) {
            throw new IllegalArgumentException("costUsd must be a non-negative number: " + costUsd + " (system " + name + ")");
        }
    }

    /** Total measured wall time. */
    public Duration totalTime() {
        return Duration.ofNanos(Math.round(latenciesMillis.stream().mapToDouble(Double::doubleValue).sum() * 1e6));
    }
}
