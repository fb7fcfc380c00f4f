package io.github.meddistill.core.pipeline;

import java.util.Objects;

/**
 * One step of progress.
 *
 * @param stage the step of the method
 * @param subject what is being worked on (a teacher's name, a student's name, a split)
 * @param done units finished so far (notes, epochs)
 * @param total units in all, or 0 when unknown
 */
public record ProgressEvent(Stage stage, String subject, long done, long total) {

    /** The steps of the method, in order. */
    public enum Stage { LABELLING, SELECTING, COMBINING, TRAINING, PREDICTING, EVALUATING }

    public ProgressEvent {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(subject, "subject");
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("done and total must not be negative: done=" + done + ", total=" + total);
        }
    }
}
