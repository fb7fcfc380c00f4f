package io.github.meddistill.student;

import java.util.OptionalDouble;

/**
 * Receives training progress from {@link BertStudentTrainer}; every method is called on the training thread and
 * defaults to doing nothing.
 */
public interface TrainingListener {

    /** After every optimizer step, applied or skipped. */
    default void onStep(Step step) {
    }

    /** After every epoch, with the development score when there is a development set. */
    default void onEpoch(Epoch epoch) {
    }

    /** Once, when a run has finished and its kept weights are chosen. */
    default void onFinish(TrainingSummary summary) {
    }

    /**
     * One training step.
     *
     * @param epoch 1-based epoch
     * @param step 1-based global step
     * @param totalSteps steps planned for the whole run
     * @param loss mean masked cross-entropy of the batch
     * @param gradientNorm global gradient norm before clipping
     * @param learningRate learning rate used for this step
     * @param sequencesPerSecond windows per second over the epoch so far
     * @param tokensPerSecond non-pad tokens per second over the epoch so far
     * @param outcome whether the update was applied or why it was skipped
     */
    record Step(int epoch, int step, int totalSteps, double loss, double gradientNorm, double learningRate,
            double sequencesPerSecond, double tokensPerSecond, StepOutcome outcome) {

        /** Whether the update was skipped. */
        public boolean skipped() {
            return outcome != StepOutcome.APPLIED;
        }
    }

    /**
     * One finished epoch.
     *
     * @param epoch 1-based epoch
     * @param meanLoss mean training loss over the epoch's applied steps
     * @param devF1 strict span F1 on the development set, empty without one
     * @param best whether this epoch's weights are now the kept checkpoint
     * @param seconds wall time of the epoch, evaluation included
     * @param skippedNonFiniteLoss steps skipped because the loss was NaN or infinite
     * @param skippedNonFiniteGradient steps skipped because the gradient norm was NaN or infinite with a finite loss
     */
    record Epoch(int epoch, double meanLoss, OptionalDouble devF1, boolean best, double seconds,
            int skippedNonFiniteLoss, int skippedNonFiniteGradient) {
    }
}
