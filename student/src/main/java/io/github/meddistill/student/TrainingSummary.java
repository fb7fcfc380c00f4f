package io.github.meddistill.student;

import java.util.OptionalDouble;

/**
 * What one {@link BertStudentTrainer#train} run did, reported to {@link TrainingListener#onFinish}.
 *
 * @param epochs epochs run (fewer than planned after early stopping)
 * @param steps optimizer steps attempted
 * @param appliedSteps steps whose update was applied
 * @param skippedNonFiniteLoss steps skipped because the loss was NaN or infinite
 * @param skippedNonFiniteGradient steps skipped because the gradient norm was NaN or infinite with a finite loss
 * @param bestEpoch the epoch whose weights were kept
 * @param bestDevF1 the kept epoch's strict span F1 on the development set, empty without one
 * @param maxWeightChange the largest absolute difference between a kept weight and its value before the first
 *     step; 0 means that training changed nothing
 * @param seconds wall time of the run, data preparation and evaluation included
 */
public record TrainingSummary(int epochs, int steps, int appliedSteps, int skippedNonFiniteLoss,
        int skippedNonFiniteGradient, int bestEpoch, OptionalDouble bestDevF1, double maxWeightChange,
        double seconds) {

    /** Whether every step was applied. */
    public boolean noSkippedSteps() {
        return skippedNonFiniteLoss == 0 && skippedNonFiniteGradient == 0;
    }

    /** Whether the kept weights differ from the initial ones. */
    public boolean changedWeights() {
        return maxWeightChange > 0;
    }
}
