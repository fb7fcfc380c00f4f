package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import java.util.List;

/**
 * Scores systems against gold labels. {@code meddistill-eval} provides the standard one (span F1 with
 * bootstrap confidence intervals, speed and cost); plug in your own to report differently.
 */
@FunctionalInterface
public interface Evaluator {

    /** Scores every system's test predictions against {@code gold} (documents matched by id). */
    Evaluation evaluate(List<SystemRun> systems, List<Annotation> gold);
}
