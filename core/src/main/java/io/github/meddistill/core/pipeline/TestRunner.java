package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.TokenUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every system of a distillation on the test documents: each teacher and the combination from their journalled
 * labels (with the latency, tokens and cost those took), the students by extracting, timed per batch. Not thread-safe.
 */
final class TestRunner {

    private final List<Document> test;
    private final Set<EntityType> entityTypes;
    private final int batchSize;
    private final ProgressListener progress;

    TestRunner(List<Document> test, Set<EntityType> entityTypes, int batchSize, ProgressListener progress) {
        this.test = test;
        this.entityTypes = entityTypes;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** The runs of the teachers, the combination {@code plan} chose, the student and the gold student if any. */
    List<SystemRun> runs(Map<String, List<LabelJournal.Entry>> testLabels, CombinationPlan plan, Student student,
            Optional<Student> goldStudent) {
        List<SystemRun> runs = new ArrayList<>();
        testLabels.forEach((teacher, entries) -> runs.add(new SystemRun(teacher, SystemRole.TEACHER,
                entries.stream().map(LabelJournal.Entry::annotation).toList(),
                entries.stream().map(LabelJournal.Entry::latencyMillis).toList(),
                entries.stream().map(LabelJournal.Entry::tokens).reduce(TokenUsage.ZERO, TokenUsage::plus),
                entries.stream().mapToDouble(LabelJournal.Entry::costUsd).sum())));
        runs.add(combination(testLabels, plan));
        runs.add(predict(Distillation.STUDENT, SystemRole.STUDENT, student));
        goldStudent.ifPresent(s -> runs.add(predict(Distillation.GOLD_STUDENT, SystemRole.GOLD_STUDENT, s)));
        return runs;
    }

    /** The combination costs what the teachers it uses cost, note by note. */
    private SystemRun combination(Map<String, List<LabelJournal.Entry>> testLabels, CombinationPlan plan) {
        List<Annotation> combined = plan.apply(LabelJournal.annotations(testLabels), Distillation.COMBINATION);
        Set<String> used = new HashSet<>();
        plan.byType().values().forEach(choice -> used.addAll(choice.teachers()));
        List<Double> latency = new ArrayList<>();
        TokenUsage tokens = TokenUsage.ZERO;
        double cost = 0;
        for (int i = 0; i < combined.size(); i++) {
            double millis = 0;
            for (String teacher : used) {
                LabelJournal.Entry entry = testLabels.get(teacher).get(i);
                millis += entry.latencyMillis();
                tokens = tokens.plus(entry.tokens());
                cost += entry.costUsd();
            }
            latency.add(millis);
        }
        return new SystemRun(Distillation.COMBINATION, SystemRole.COMBINATION, combined, latency, tokens, cost);
    }

    private SystemRun predict(String name, SystemRole role, Student student) {
        List<Annotation> predictions = new ArrayList<>(test.size());
        List<Double> latencies = new ArrayList<>(test.size());
        for (int from = 0; from < test.size(); from += batchSize) {
            List<Document> batch = test.subList(from, Math.min(test.size(), from + batchSize));
            long start = System.nanoTime();
            List<List<Entity>> entities = student.extractAll(batch.stream().map(Document::text).toList());
            double millisPerNote = (System.nanoTime() - start) / 1e6 / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                predictions.add(new Annotation(batch.get(i), entities.get(i), name).onlyTypes(entityTypes));
                latencies.add(millisPerNote);
            }
            progress.onProgress(new ProgressEvent(ProgressEvent.Stage.PREDICTING, name, predictions.size(), test.size()));
        }
        return new SystemRun(name, role, predictions, latencies, TokenUsage.ZERO, 0);
    }
}
