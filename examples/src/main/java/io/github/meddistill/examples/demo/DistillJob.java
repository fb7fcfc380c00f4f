package io.github.meddistill.examples.demo;

import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.io.JsonlWriter;
import io.github.meddistill.core.pipeline.Distillation;
import io.github.meddistill.core.pipeline.DistillationResult;
import io.github.meddistill.core.pipeline.Evaluator;
import io.github.meddistill.core.pipeline.ProgressEvent;
import io.github.meddistill.core.pipeline.ProgressListener;
import io.github.meddistill.core.pipeline.SystemRun;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.StandardEvaluator;
import io.github.meddistill.eval.search.SubsetSearchSelector;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.TrainingListener;
import io.github.meddistill.student.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One distillation, the one path of both {@code meddistill demo} (on each bundled corpus) and {@code meddistill
 * distill} (on the user's notes): the teachers label the notes, {@link SubsetSearchSelector} picks the teacher subset
 * and rule per type on dev, a student is trained on the combined labels (and one on gold training labels when given),
 * and every system is scored on the test notes. Labels are journalled and students saved under the task folder, so a
 * rerun, also after {@code kill -9}, reuses what is done. Every system's predictions on the scored notes are written
 * to {@value #PREDICTIONS}{@code /<system>.jsonl} in the task folder, so {@code meddistill eval} can check any table
 * line.
 */
public final class DistillJob {

    /** The task sub-folder with each system's predictions on the scored notes. */
    public static final String PREDICTIONS = "predictions";

    private DistillJob() {
    }

    /**
     * Runs one task.
     *
     * @param taskDirectory where labels, students and the task's reports go
     */
    public static TaskResult run(DistillInputs inputs, DistillOptions options, Path taskDirectory,
                                 ProgressListener progress) {
        DemoTask task = inputs.task();
        TrainingRecorder training = new TrainingRecorder();
        Distillation.Builder builder = Distillation.builder(task.types(),
                        trainer(task, options, options.outsideWeight(), options.positiveUnlabelled(), training,
                                progress),
                        taskDirectory)
                .teachers(inputs.teachers())
                .combination(new SubsetSearchSelector())
                .development(inputs.dev())
                .test(inputs.test())
                .propagateAbbreviations(options.propagateAbbreviations())
                .selfTrainingRounds(options.selfTrainingRounds())
                .reliabilityWeights(options.reliabilityWeights())
                .unknownMentions(options.unknownMentions())
                .evaluator(writingPredictions(new StandardEvaluator(task.name() + " " + inputs.testName(),
                        Bootstrap.builder().build()), taskDirectory.resolve(PREDICTIONS)))
                .addListener(training)
                .addListener(progress);
        if (!inputs.goldTraining().isEmpty()) {
            builder.goldStudentTrainer(trainer(task, options, 1.0, false, training, progress))
                    .goldTraining(inputs.goldTraining());
        }
        long start = System.nanoTime();
        try (DistillationResult result = builder.build().run(inputs.notes())) {
            EvaluationReport report = (EvaluationReport) result.evaluation().orElseThrow();
            return TaskResult.of(task, inputs.notes().size(), inputs.dev().size(), inputs.test().size(),
                    inputs.testName(), result.combination(), report, training.runs(), result.selfTraining(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Writes each system's predictions, complete or not at all, before {@code evaluator} scores them. */
    private static Evaluator writingPredictions(Evaluator evaluator, Path directory) {
        return (systems, gold) -> {
            for (SystemRun system : systems) {
                Path file = directory.resolve(system.name() + ".jsonl");
                try {
                    Files.createDirectories(directory);
                    JsonlWriter.write(file, system.predictions());
                } catch (IOException | RuntimeException e) {
                    throw new MedDistillException("cannot write the predictions of " + system.name() + " to " + file
                            + ": " + e.getMessage(), e);
                }
            }
            return evaluator.evaluate(systems, gold);
        };
    }

    /** A trainer whose runs (a saved student may be reused instead) land in {@code training}. */
    private static BertStudentTrainer trainer(DemoTask task, DistillOptions options, double outsideWeight,
                                              boolean positiveUnlabelled, TrainingRecorder training,
                                              ProgressListener progress) {
        return BertStudentTrainer.builder()
                .encoder(options.encoder())
                .entityTypes(task.types())
                .epochs(options.epochs())
                .minSteps(options.minSteps())
                .batchSize(options.batchSize())
                .learningRate(options.learningRate())
                .outsideWeight(outsideWeight)
                .positiveUnlabelled(positiveUnlabelled)
                .propagateAbbreviations(options.propagateAbbreviations())
                .seed(options.seed())
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING,
                                task.name() + " " + training.current() + " epoch " + step.epoch(), step.step(),
                                step.totalSteps()));
                    }

                    @Override
                    public void onEpoch(Epoch epoch) {
                        training.epochFinished(epoch);
                    }

                    @Override
                    public void onFinish(TrainingSummary summary) {
                        training.trainingFinished(summary);
                    }
                })
                .build();
    }

    /**
     * Collects the task's {@link TrainingRun}s. The pipeline announces each student it is about to train (stage
     * TRAINING, the student's name, 0 of 1) before calling its trainer on the same thread, which names the run.
     */
    private static final class TrainingRecorder implements ProgressListener {

        private final List<TrainingRun> runs = new ArrayList<>();
        private final List<TrainingListener.Epoch> epochs = new ArrayList<>();
        private String current = Distillation.STUDENT;

        @Override
        public synchronized void onProgress(ProgressEvent event) {
            if (event.stage() == ProgressEvent.Stage.TRAINING && event.done() == 0 && event.total() == 1) {
                current = event.subject();
                epochs.clear();
            }
        }

        synchronized String current() {
            return current;
        }

        synchronized void epochFinished(TrainingListener.Epoch epoch) {
            epochs.add(epoch);
        }

        synchronized void trainingFinished(TrainingSummary summary) {
            runs.add(new TrainingRun(current, summary, epochs));
            epochs.clear();
        }

        synchronized List<TrainingRun> runs() {
            return List.copyOf(runs);
        }
    }
}
