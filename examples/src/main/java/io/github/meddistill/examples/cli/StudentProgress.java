package io.github.meddistill.examples.cli;

import java.util.Locale;
import java.util.Optional;

import io.github.meddistill.core.pipeline.ProgressEvent;
import io.github.meddistill.core.pipeline.ProgressListener;
import io.github.meddistill.student.TrainingListener;
import io.github.meddistill.student.TrainingSummary;

/**
 * Shows a student's training steps on a progress listener and each epoch's dev F1 (and any skipped steps) on
 * standard error, and keeps the run's summary. One instance per run; called on the training thread.
 */
final class StudentProgress implements TrainingListener {

    private final String subject;
    private final ProgressListener progress;
    private final boolean quiet;
    private TrainingSummary summary;

    StudentProgress(String subject, ProgressListener progress, boolean quiet) {
        this.subject = subject;
        this.progress = progress;
        this.quiet = quiet;
    }

    @Override
    public void onStep(Step step) {
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, subject + " epoch " + step.epoch(),
                step.step(), step.totalSteps()));
    }

    @Override
    public void onEpoch(Epoch epoch) {
        if (!quiet) {
            String skipped = epoch.skippedNonFiniteLoss() + epoch.skippedNonFiniteGradient() == 0 ? ""
                    : String.format(Locale.ROOT, ", skipped steps: %d non-finite loss, %d non-finite gradient",
                            epoch.skippedNonFiniteLoss(), epoch.skippedNonFiniteGradient());
            System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, dev F1 %s%s, %.0f s%s%n", subject, epoch.epoch(),
                    epoch.meanLoss(), epoch.devF1().isPresent()
                            ? String.format(Locale.ROOT, "%.3f", epoch.devF1().getAsDouble()) : "-",
                    epoch.best() ? " (best so far)" : "", epoch.seconds(), skipped);
        }
    }

    @Override
    public void onFinish(TrainingSummary summary) {
        this.summary = summary;
    }

    /** The summary of the finished run, empty before it finishes. */
    Optional<TrainingSummary> summary() {
        return Optional.ofNullable(summary);
    }
}
