package io.github.meddistill.examples.demo;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.pipeline.Distillation;
import io.github.meddistill.core.pipeline.DistillationResult;
import io.github.meddistill.core.pipeline.ProgressEvent;
import io.github.meddistill.core.pipeline.ProgressListener;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.StandardEvaluator;
import io.github.meddistill.eval.search.SubsetSearchSelector;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.TrainingListener;
import io.github.meddistill.student.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The README's main job: on each bundled corpus, label the training notes with dictionary, rule and
 * (when configured) LLM teachers, pick the best teacher subset and rule per type on the dev set, train
 * a student on the combined labels and one on the gold labels, and evaluate everything on the test
 * set. Everything is written under the output directory, and a second run reuses it.
 */
public final class MainJob {

    private static final long SEED = 42;

    private final DemoSettings settings;
    private final ProgressListener progress;

    public MainJob(DemoSettings settings, ProgressListener progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every task and returns their results, in task order. */
    public List<TaskResult> run() {
        List<TaskResult> results = new ArrayList<>();
        try (DemoTeachers teachers = new DemoTeachers(settings.outputDirectory().resolve("lexicons"),
                settings.outputDirectory().resolve("llm-cache"))) {
            for (DemoTask task : settings.tasks()) {
                results.add(runTask(task, teachers));
            }
        }
        return List.copyOf(results);
    }

    private TaskResult runTask(DemoTask task, DemoTeachers teachers) {
        Path corpora = settings.outputDirectory().resolve("corpora");
        List<Annotation> train = first(BundledData.corpus(task.name(), "train", corpora), settings.trainDocuments());
        List<Annotation> dev = first(BundledData.corpus(task.name(), "devel", corpora), settings.devDocuments());
        List<Annotation> test = first(BundledData.corpus(task.name(), "test", corpora), settings.testDocuments());
        List<Document> unlabeled = train.stream().map(Annotation::document).toList();
        Map<String, TrainingSummary> training = new ConcurrentHashMap<>();

        Distillation distillation = Distillation.builder()
                .teachers(teachers.forTask(task, settings.llm()))
                .entityTypes(task.types())
                .combination(new SubsetSearchSelector())
                .studentTrainer(trainer(task, settings.outsideWeight(), settings.entityRatioWeight(),
                        Distillation.STUDENT, training))
                .goldStudentTrainer(trainer(task, 1.0, 0, Distillation.GOLD_STUDENT, training))
                .development(dev)
                .test(test)
                .goldTraining(train)
                .propagateAbbreviations(settings.propagateAbbreviations())
                .selfTrainingRounds(settings.selfTrainingRounds())
                .evaluator(new StandardEvaluator(task.name() + " test", Bootstrap.builder().build()))
                .outputDirectory(settings.outputDirectory().resolve(task.name()))
                .addListener(progress)
                .build();
        long start = System.nanoTime();
        try (DistillationResult result = distillation.run(unlabeled)) {
            EvaluationReport report = (EvaluationReport) result.evaluation().orElseThrow();
            return TaskResult.of(task, train.size(), dev.size(), test.size(), result.combination(), report, training,
                    result.selfTraining(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** A trainer whose run summary, when it trains (a saved student may be reused instead), lands in {@code training}. */
    private BertStudentTrainer trainer(DemoTask task, double outsideWeight, double entityRatioWeight, String system,
            Map<String, TrainingSummary> training) {
        return BertStudentTrainer.builder()
                .encoder(settings.encoder())
                .entityTypes(task.types())
                .epochs(settings.epochs())
                .batchSize(settings.batchSize())
                .learningRate(settings.learningRate())
                .outsideWeight(outsideWeight)
                .entityRatioWeight(entityRatioWeight)
                .propagateAbbreviations(settings.propagateAbbreviations())
                .seed(SEED)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING,
                                task.name() + " " + system + " epoch " + step.epoch(), step.step(), step.totalSteps()));
                    }

                    @Override
                    public void onFinish(TrainingSummary summary) {
                        training.put(system, summary);
                    }
                })
                .build();
    }

    private static List<Annotation> first(List<Annotation> annotations, int count) {
        return count == 0 || count >= annotations.size() ? annotations : annotations.subList(0, count);
    }
}
