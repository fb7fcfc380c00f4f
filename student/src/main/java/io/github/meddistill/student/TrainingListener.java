package io.github.meddistill.student;

import java.util.OptionalDouble;

/**
 * Receives training progress from {@link BertStudentTrainer}; both methods are called on the training thread
 * and default to doing nothing.
 */
public interface TrainingListener {

    /** After every optimizer step (or skipped step). */
    default void onStep(Step step) {
    }

    /** After every epoch, with the development score when there is a development set. */
    default void onEpoch(Epoch epoch) {
    }

    /**
     * One training step.
     *
     * @param epoch 1-based epoch
     * @param step 1-based global step
     * @param totalSteps steps planned for the whole run
     * @param loss mean masked cross-entropy of the batch
     * @param learningRate learning rate used for this step
     * @param sequencesPerSecond windows per second over the epoch so far
     * @param tokensPerSecond non-pad tokens per second over the epoch so far
     * @param skipped whether the step was skipped because the loss or a gradient was NaN or infinite
     */
    record Step(int epoch, int step, int totalSteps, double loss, double learningRate, double sequencesPerSecond,
            double tokensPerSecond, boolean skipped) {
    }

    /**
     * One finished epoch.
     *
     * @param epoch 1-based epoch
     * @param meanLoss mean training loss over the epoch's applied steps
     * @param devF1 strict span F1 on the development set, empty without one
     * @param best whether this epoch's weights are now the kept checkpoint
     * @param seconds wall time of the epoch, evaluation included
     * @param skippedSteps steps skipped by the NaN/Inf guard
     */
    record Epoch(int epoch, double meanLoss, OptionalDouble devF1, boolean best, double seconds, int skippedSteps) {
    }
}
