package io.github.meddistill.spark.internal;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.Student;
import io.github.meddistill.spark.FailureMode;
import io.github.meddistill.spark.StudentEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the entities of one partition's notes, a batch of notes at a time, with this JVM's student for the path
 * (loaded by the first task, see {@link ExecutorStudents}). What travels with the task is the path and settings
 * only. A batch that fails is retried note by note, so that only the failing notes lose their entities.
 */
public final class ExtractPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ExtractPartition.class);

    private final String studentPath;
    private final StudentEngine engine;
    private final int textIndex;
    private final int batchSize;
    private final FailureMode failureMode;

    public ExtractPartition(String studentPath, StudentEngine engine, int textIndex, int batchSize,
            FailureMode failureMode) {
        this.studentPath = studentPath;
        this.engine = engine;
        this.textIndex = textIndex;
        this.batchSize = batchSize;
        this.failureMode = failureMode;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Student student = ExecutorStudents.get(studentPath, engine);
        TaskContext context = TaskContext.get();
        int partition = context == null ? 0 : context.partitionId();
        long[] seen = {0};
        return new BatchingIterator<>(rows, batchSize, batch -> {
            List<NoteOutcome> outcomes = extract(student, batch, partition, seen[0]);
            seen[0] += batch.size();
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(Rows.extend(batch.get(i), outcomes.get(i).column(), outcomes.get(i).error()));
            }
            return out;
        });
    }

    private List<NoteOutcome> extract(Student student, List<Row> batch, int partition, long firstRow) {
        List<String> texts = new ArrayList<>(batch.size());
        boolean anyNull = false;
        for (Row row : batch) {
            String text = Rows.stringOrNull(row, textIndex);
            anyNull |= text == null;
            texts.add(text);
        }
        if (!anyNull) {
            try {
                List<List<Entity>> all = student.extractAll(texts);
                List<NoteOutcome> outcomes = new ArrayList<>(all.size());
                all.forEach(entities -> outcomes.add(NoteOutcome.of(entities)));
                return outcomes;
            } catch (RuntimeException e) {
                LOG.debug("a batch of {} notes failed in partition {}; extracting them one by one: {}", batch.size(),
                        partition, e.toString());
            }
        }
        List<NoteOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < texts.size(); i++) {
            String where = "partition " + partition + " row " + (firstRow + i);
            if (texts.get(i) == null) {
                outcomes.add(failed(where, new MedDistillException("note text is null")));
                continue;
            }
            try {
                outcomes.add(NoteOutcome.of(student.extract(texts.get(i))));
            } catch (RuntimeException e) {
                outcomes.add(failed(where, e));
            }
        }
        return outcomes;
    }

    private NoteOutcome failed(String where, RuntimeException e) {
        if (failureMode == FailureMode.FAIL_FAST) {
            throw new MedDistillException("student " + studentPath + " failed on the note at " + where + ": "
                    + e.getMessage(), e);
        }
        LOG.warn("student failed on the note at {} ({}); its error column says why", where, e.getClass().getSimpleName());
        LOG.debug("student failed on the note at {}", where, e);
        return NoteOutcome.failed(e);
    }
}
