package io.github.meddistill.examples.demo;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.pipeline.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's main job: on each bundled corpus, label the training notes (on a clinical task, with bundled
 * MTSamples notes beside them) with dictionary, rule and (when configured) LLM teachers, pick the best teacher
 * subset and rule per type on the dev set, train a student on the combined labels (and, when asked, one on the
 * gold labels), and evaluate everything on the test set. Everything is written under the output directory, and a
 * second run reuses it. Each task runs {@link DistillJob}, the path {@code meddistill distill} runs on a user's notes.
 */
public final class MainJob {

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

    /** Reads the task's bundled splits and runs the one distillation path, {@link DistillJob}, on them. */
    private TaskResult runTask(DemoTask task, DemoTeachers teachers) {
        Path corpora = settings.outputDirectory().resolve("corpora");
        List<Annotation> train = first(BundledData.corpus(task.name(), "train", corpora), settings.trainDocuments());
        List<Annotation> dev = first(BundledData.corpus(task.name(), "devel", corpora), settings.devDocuments());
        List<Annotation> test = first(BundledData.corpus(task.name(), "test", corpora), settings.testDocuments());
        List<Document> unlabeled = new ArrayList<>(train.stream().map(Annotation::document).toList());
        if (task.clinical()) {
            unlabeled.addAll(BundledData.mtSamples(settings.mtSamplesNotes()));
        }
        DistillInputs inputs = new DistillInputs(task, unlabeled, dev, test, "test",
                settings.goldStudent() ? train : List.of(), teachers.forTask(task, settings.llm()));
        return DistillJob.run(inputs, settings.options(), settings.outputDirectory().resolve(task.name()), progress);
    }

    private static List<Annotation> first(List<Annotation> annotations, int count) {
        return count == 0 || count >= annotations.size() ? annotations : annotations.subList(0, count);
    }
}
