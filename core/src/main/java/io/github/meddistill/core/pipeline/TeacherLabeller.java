package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.UsageReporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Labels a split with one teacher, batch by batch, through a {@link LabelJournal}: notes labelled in
 * an earlier (possibly killed) run are read back, never paid for twice. Wall time and usage of each
 * batch are shared equally among its notes. Journals written with another
 * {@linkplain Teacher#configuration() configuration} of the teacher are set aside first
 * ({@link TeacherConfigurationCheck}). Not thread-safe.
 */
final class TeacherLabeller {

    private final Path labelsDirectory;
    private final int batchSize;
    private final ProgressListener listener;

    TeacherLabeller(Path labelsDirectory, int batchSize, ProgressListener listener) {
        this.labelsDirectory = labelsDirectory;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    /** Labels {@code documents} (split name {@code split}) and returns one entry per document, in order. */
    List<LabelJournal.Entry> label(Teacher teacher, String split, List<Document> documents) {
        Map<String, Document> byId = documents.stream()
                .collect(Collectors.toMap(Document::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Path directory = labelsDirectory.resolve(fileName(teacher.name()));
        TeacherConfigurationCheck.prepare(teacher, directory);
        Path file = directory.resolve(split + ".jsonl");
        LabelJournal journal = LabelJournal.open(file, teacher.name(), byId);
        List<Document> todo = documents.stream().filter(d -> journal.get(d.id()) == null).toList();
        long done = documents.size() - todo.size();
        listener.onProgress(new ProgressEvent(ProgressEvent.Stage.LABELLING, teacher.name() + " " + split, done, documents.size()));
        for (int from = 0; from < todo.size(); from += batchSize) {
            List<Document> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
            journal.append(labelBatch(teacher, batch));
            done += batch.size();
            listener.onProgress(new ProgressEvent(ProgressEvent.Stage.LABELLING, teacher.name() + " " + split, done, documents.size()));
        }
        List<LabelJournal.Entry> entries = new ArrayList<>(documents.size());
        for (Document document : documents) {
            entries.add(journal.get(document.id()));
        }
        return entries;
    }

    private static List<LabelJournal.Entry> labelBatch(Teacher teacher, List<Document> batch) {
        TokenUsage tokensBefore = teacher instanceof UsageReporter u ? u.tokenUsage() : TokenUsage.ZERO;
        double costBefore = teacher instanceof UsageReporter u ? u.costUsd() : 0;
        long start = System.nanoTime();
        List<Annotation> annotations = teacher.annotateAll(batch);
        double millisPerNote = (System.nanoTime() - start) / 1e6 / batch.size();
        if (annotations.size() != batch.size()) {
            throw new MedDistillException("teacher " + teacher.name() + " returned " + annotations.size()
                    + " annotations for " + batch.size() + " documents");
        }
        TokenUsage tokens = TokenUsage.ZERO;
        double cost = 0;
        if (teacher instanceof UsageReporter u) {
            TokenUsage after = u.tokenUsage();
            tokens = new TokenUsage(
                    (after.inputTokens() - tokensBefore.inputTokens()) / batch.size(),
                    (after.cachedInputTokens() - tokensBefore.cachedInputTokens()) / batch.size(),
                    (after.outputTokens() - tokensBefore.outputTokens()) / batch.size(),
                    (after.reasoningTokens() - tokensBefore.reasoningTokens()) / batch.size());
            cost = (u.costUsd() - costBefore) / batch.size();
        }
        List<LabelJournal.Entry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Annotation annotation = annotations.get(i);
            if (!annotation.documentId().equals(batch.get(i).id())) {
                throw new MedDistillException("teacher " + teacher.name() + " returned annotations out of order: expected document "
                        + batch.get(i).id() + " at position " + i + ", got " + annotation.documentId());
            }
            entries.add(new LabelJournal.Entry(annotation.withSource(teacher.name()), millisPerNote, tokens, cost));
        }
        return entries;
    }

    /** A file-system-safe folder name for a teacher. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
