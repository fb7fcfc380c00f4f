package io.github.meddistill.spark.internal;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.spark.FailureMode;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.NoteResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels one partition's notes with every teacher, a batch at a time, with this JVM's teachers (see
 * {@link ExecutorTeachers}). An LLM teacher labels a batch with {@link LlmTeacher#label}, which reports each note's
 * failure instead of throwing; on a retried attempt of the task it first refreshes its answer cache, so that what the
 * failed attempt paid for (on this executor or, with a shared cache directory, on another) is not paid again.
 */
public final class LabelPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LabelPartition.class);

    private final List<TeacherTask> teachers;
    private final int textIndex;
    private final int idIndex;
    private final int batchSize;
    private final FailureMode failureMode;

    /** {@code idIndex} is negative where notes have no id column. */
    public LabelPartition(List<TeacherTask> teachers, int textIndex, int idIndex, int batchSize,
            FailureMode failureMode) {
        this.teachers = List.copyOf(teachers);
        this.textIndex = textIndex;
        this.idIndex = idIndex;
        this.batchSize = batchSize;
        this.failureMode = failureMode;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TaskContext context = TaskContext.get();
        int partition = context == null ? 0 : context.partitionId();
        int attempt = context == null ? 0 : context.attemptNumber();
        List<Teacher> made = new ArrayList<>(teachers.size());
        for (TeacherTask task : teachers) {
            Teacher teacher = ExecutorTeachers.get(task);
            if (attempt > 0 && teacher instanceof LlmTeacher llm) {
                int read = llm.refreshCache();
                LOG.info("partition {} attempt {}: teacher {} read {} answers stored since its cache opened",
                        partition, attempt, llm.name(), read);
            }
            made.add(teacher);
        }
        long[] seen = {0};
        return new BatchingIterator<>(rows, batchSize, batch -> {
            List<Row> out = label(made, batch, partition, seen[0]);
            seen[0] += batch.size();
            return out;
        });
    }

    private List<Row> label(List<Teacher> made, List<Row> batch, int partition, long firstRow) {
        List<Document> documents = new ArrayList<>(batch.size());
        List<Integer> positions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            String text = Rows.stringOrNull(row, textIndex);
            if (text != null) {
                documents.add(new Document(idOf(row, partition, firstRow + i), text));
                positions.add(i);
            }
        }
        Object[][] added = new Object[batch.size()][2 * made.size()];
        for (int t = 0; t < made.size(); t++) {
            for (int i = 0; i < batch.size(); i++) {
                if (Rows.stringOrNull(batch.get(i), textIndex) == null) {
                    NoteOutcome nullText = failed(t, idOf(batch.get(i), partition, firstRow + i),
                            new MedDistillException("note text is null"));
                    added[i][2 * t] = nullText.column();
                    added[i][2 * t + 1] = nullText.error();
                }
            }
            List<NoteOutcome> outcomes = labelAll(t, made.get(t), documents);
            for (int d = 0; d < documents.size(); d++) {
                added[positions.get(d)][2 * t] = outcomes.get(d).column();
                added[positions.get(d)][2 * t + 1] = outcomes.get(d).error();
            }
        }
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(Rows.extend(batch.get(i), added[i]));
        }
        return out;
    }

    private List<NoteOutcome> labelAll(int t, Teacher teacher, List<Document> documents) {
        List<NoteOutcome> outcomes = new ArrayList<>(documents.size());
        if (documents.isEmpty()) {
            return outcomes;
        }
        if (teacher instanceof LlmTeacher llm) {
            List<NoteResult> results = llm.label(documents).results();
            for (NoteResult result : results) {
                outcomes.add(result.annotation().map(a -> NoteOutcome.of(a.entities()))
                        .orElseGet(() -> failed(t, result.documentId(), result.failure().orElseThrow())));
            }
            return outcomes;
        }
        try {
            for (Annotation annotation : teacher.annotateAll(documents)) {
                outcomes.add(NoteOutcome.of(annotation.entities()));
            }
            return outcomes;
        } catch (RuntimeException e) {
            LOG.debug("teacher {} failed on a batch of {} notes; labelling them one by one: {}", teacher.name(),
                    documents.size(), e.toString());
        }
        outcomes.clear();
        for (Document document : documents) {
            try {
                outcomes.add(NoteOutcome.of(teacher.annotate(document).entities()));
            } catch (RuntimeException e) {
                outcomes.add(failed(t, document.id(), e));
            }
        }
        return outcomes;
    }

    private NoteOutcome failed(int t, String documentId, RuntimeException e) {
        String column = teachers.get(t).teacher().column();
        if (failureMode == FailureMode.FAIL_FAST) {
            throw new MedDistillException("teacher of column '" + column + "' failed on document " + documentId + ": "
                    + e.getMessage(), e);
        }
        // messages may quote the model's answer, and so the note: only the exception's class above DEBUG
        LOG.warn("teacher of column '{}' failed on document {} ({}); its error column says why", column, documentId,
                e.getClass().getSimpleName());
        LOG.debug("teacher of column '{}' failed on document {}", column, documentId, e);
        return NoteOutcome.failed(e);
    }

    private String idOf(Row row, int partition, long rowNumber) {
        if (idIndex >= 0 && !row.isNullAt(idIndex)) {
            String id = String.valueOf(row.get(idIndex));
            if (!id.isBlank()) {
                return id;
            }
        }
        return "partition-" + partition + "-row-" + rowNumber;
    }
}
