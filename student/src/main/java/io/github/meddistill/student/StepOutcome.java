package io.github.meddistill.student;

/**
 * What became of one optimizer step. The two kinds of skipped step mean different things: a non-finite loss is
 * the training itself diverging (a learning rate too high, a bad example), while a non-finite gradient norm with a
 * finite loss means the backward pass read memory that no longer held what the forward pass left there, a defect
 * to report rather than noise (see {@link BertStudentTrainer.Builder#strictNumerics}).
 */
public enum StepOutcome {
    /** The update was applied. */
    APPLIED,
    /** The loss was NaN or infinite; the weights were left unchanged. */
    SKIPPED_NON_FINITE_LOSS,
    /** The loss was finite but the gradient norm was NaN or infinite; the weights were left unchanged. */
    SKIPPED_NON_FINITE_GRADIENT
}
