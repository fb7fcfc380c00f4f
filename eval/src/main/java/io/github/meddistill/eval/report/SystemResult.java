package io.github.meddistill.eval.report;

import io.github.meddistill.eval.BootstrapIntervals;
import io.github.meddistill.eval.SystemScores;
import io.github.meddistill.eval.cost.SpeedCost;
import io.github.meddistill.eval.errors.ErrorAnalysis;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report shows about one system.
 *
 * @param role its part in the evidence table (e.g. {@code teacher}, {@code student}); free text
 * @param scores span and token scores against gold
 * @param intervals bootstrap intervals of the scores
 * @param speedCost speed and cost, when measured
 * @param errors its errors, grouped (contains note text)
 * @param context the assertion and concept counts of its predictions, when they carry any
 */
public record SystemResult(String role, SystemScores scores, BootstrapIntervals intervals, Optional<SpeedCost> speedCost,
                           ErrorAnalysis errors, Optional<ContextSummary> context) {

    public SystemResult {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(intervals, "intervals");
        Objects.requireNonNull(speedCost, "speedCost");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(context, "context");
    }

    /** A result whose predictions carry no clinical context. */
    public SystemResult(String role, SystemScores scores, BootstrapIntervals intervals, Optional<SpeedCost> speedCost,
                        ErrorAnalysis errors) {
        this(role, scores, intervals, speedCost, errors, Optional.empty());
    }

    /** The system's name. */
    public String name() {
        return scores.system();
    }
}
