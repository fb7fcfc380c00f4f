package io.github.meddistill.eval.report;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.pipeline.Evaluator;
import io.github.meddistill.core.pipeline.SystemRun;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.cost.SystemCost;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The pipeline's standard {@link Evaluator}: an {@link EvaluationReport} with span F1 and bootstrap
 * intervals, speed and cost from each {@link SystemRun}, ratios, paired tests and error lists.
 * A run without latencies gets no speed (its wall time is unknown) but keeps its tokens and cost.
 * Immutable and thread-safe.
 */
public final class StandardEvaluator implements Evaluator {

    private final String title;
    private final Bootstrap bootstrap;

    /** Default title, 1,000 resamples, seed 42. */
    public StandardEvaluator() {
        this("MedDistill evaluation", Bootstrap.builder().build());
    }

    public StandardEvaluator(String title, Bootstrap bootstrap) {
        this.title = Objects.requireNonNull(title, "title");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
    }

    @Override
    public EvaluationReport evaluate(List<SystemRun> systems, List<Annotation> gold) {
        EvaluationReport.Builder report = EvaluationReport.builder(gold).title(title).bootstrap(bootstrap);
        for (SystemRun run : systems) {
            report.addSystem(run.name(), run.role().label(), run.predictions(), cost(run));
        }
        return report.build();
    }

    static SystemCost cost(SystemRun run) {
        int notes = Math.max(1, run.predictions().size());
        if (run.latenciesMillis().isEmpty()) {
            return new SystemCost(run.name(), notes, List.of(), Duration.ZERO, run.tokens(), run.costUsd());
        }
        return new SystemCost(run.name(), notes, run.latenciesMillis(), run.totalTime(), run.tokens(), run.costUsd());
    }
}
