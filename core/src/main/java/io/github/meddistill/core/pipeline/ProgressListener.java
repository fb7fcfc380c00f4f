package io.github.meddistill.core.pipeline;

/**
 * Told about progress of a long distillation step; the CLI turns it into a progress bar.
 * Called from the thread doing the work: return quickly and do not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(ProgressEvent event);
}
