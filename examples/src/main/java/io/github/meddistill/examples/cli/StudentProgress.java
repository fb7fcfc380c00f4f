package io.github.meddistill.examples.cli;

import io.github.meddistill.core.pipeline.ProgressEvent;
import io.github.meddistill.core.pipeline.ProgressListener;
import io.github.meddistill.student.TrainingListener;

/** Shows a student's training steps on a progress listener, and each epoch's dev F1 on standard error. */
record StudentProgress(String subject, ProgressListener progress, boolean quiet) implements TrainingListener {

    @Override
    public void onStep(Step step) {
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, subject + " epoch " + step.epoch(), step.step(),
                step.totalSteps()));
    }

    @Override
    public void onEpoch(Epoch epoch) {
        if (!quiet) {
            System.err.printf(java.util.Locale.ROOT, "%s epoch %d: loss %.4f, dev F1 %s%s, %.0f s%n", subject, epoch.epoch(),
                    epoch.meanLoss(), epoch.devF1().isPresent() ? String.format(java.util.Locale.ROOT, "%.3f", epoch.devF1().getAsDouble()) : "-",
                    epoch.best() ? " (best so far)" : "", epoch.seconds());
        }
    }
}
