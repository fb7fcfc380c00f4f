package io.github.meddistill.teachers;

/**
 * Told after each finished note of a run, e.g. to draw a progress bar. Calls are serialised (never
 * two at once) but may come from worker threads; keep them quick.
 */
@FunctionalInterface
public interface LabellingProgressListener {

    /** A listener that ignores progress. */
    LabellingProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
