package io.github.meddistill.spark;

import io.github.meddistill.spark.internal.ExtractPartition;
import io.github.meddistill.spark.internal.JobBudgets;
import io.github.meddistill.spark.internal.LabelPartition;
import io.github.meddistill.spark.internal.TeacherTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * MedDistill on Apache Spark: adds entity columns to a DataFrame of notes, with a saved student
 * ({@link #extract}) or with teachers ({@link #label}).
 *
 * <p>Both run as one {@code mapPartitions} over the notes, a batch of notes at a time. The student or teachers live
 * once per executor JVM, made by the first task that needs them and shared by Spark's task threads; what travels with
 * each task is a path or a serializable factory, never a model. The result is lazy, like any Dataset: nothing runs
 * until an action (a write, a count) does.
 *
 * <pre>{@code
 * Dataset<Row> notes = spark.read().json("hdfs:///notes/2026-11/");   // a "text" column
 * MedDistillSpark.extract(notes, "text", "hdfs:///models/student").write().parquet("hdfs:///entities/2026-11/");
 * }</pre>
 *
 * <p>Thread-safe: the methods keep no state of their own (the driver's request budgets aside, one per LLM teacher and
 * application) and may be called from any driver thread.
 */
public final class MedDistillSpark {

    private MedDistillSpark() {
    }

    /**
     * {@code notes} with two columns added: {@code entities} ({@link EntityColumns#ENTITIES}, offsets into the text)
     * and {@code error} (null, or why the note has no entities), as {@link ExtractOptions#defaults()} sets them.
     *
     * @param textColumn the string column with each note's text
     * @param studentPath a directory saved by {@code BertStudent.save}, which every executor can read: a local path
     *     present on every node, or any Hadoop FileSystem URI ({@code hdfs://}, {@code s3a://}, ...), copied once per
     *     executor JVM to its local disk
     */
    public static Dataset<Row> extract(Dataset<Row> notes, String textColumn, String studentPath) {
        return extract(notes, textColumn, studentPath, ExtractOptions.defaults());
    }

    /** As {@link #extract(Dataset, String, String)}, with the columns, batch size, failure mode and engine set. */
    public static Dataset<Row> extract(Dataset<Row> notes, String textColumn, String studentPath,
            ExtractOptions options) {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(studentPath, "studentPath");
        Objects.requireNonNull(options, "options");
        if (studentPath.isBlank()) {
            throw new IllegalArgumentException("studentPath must not be blank");
        }
        StructType schema = notes.schema();
        int textIndex = textIndex(schema, textColumn);
        StructType out = withColumns(schema, List.of(
                DataTypes.createStructField(options.entitiesColumn(), EntityColumns.ENTITIES, true),
                DataTypes.createStructField(options.errorColumn(), DataTypes.StringType, true)));
        return notes.mapPartitions(new ExtractPartition(studentPath, options.engine(), textIndex, options.batchSize(),
                options.failureMode()), Encoders.row(out));
    }

    /**
     * {@code notes} (text in column {@code text}) with two columns per teacher: its entities, named
     * {@link SparkTeacher#column()}, and {@code <column>_error}; see {@link #label(Dataset, LabelOptions, SparkTeacher...)}.
     */
    public static Dataset<Row> label(Dataset<Row> notes, SparkTeacher... teachers) {
        return label(notes, LabelOptions.defaults(), teachers);
    }

    /**
     * {@code notes} with two columns per teacher: its entities ({@link EntityColumns#ENTITIES}) named
     * {@link SparkTeacher#column()}, and {@code <column><errorSuffix>}, null or why the teacher has no entities for
     * the note (after the teacher's own retries).
     *
     * <p>An LLM teacher made with {@link SparkTeacher#llm} takes every request from one budget the driver serves for
     * the application, so the provider's limit holds for the job, not per executor. Its answer cache is keyed by the
     * note's text (and prompt and model): a task that Spark retries is answered from the cache for every note the
     * failed attempt paid for, from memory on the same executor and, when the cache directory is on storage every
     * executor mounts, from the directory on another. Turn speculative execution off for LLM labelling (the Spark
     * default): a speculative copy of a task runs beside the original and pays for its notes too.
     */
    public static Dataset<Row> label(Dataset<Row> notes, LabelOptions options, SparkTeacher... teachers) {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(teachers, "teachers");
        if (teachers.length == 0) {
            throw new IllegalArgumentException("teachers: expected at least one teacher");
        }
        StructType schema = notes.schema();
        int textIndex = textIndex(schema, options.textColumn());
        int idIndex = options.idColumn().map(id -> fieldIndex(schema, id, "idColumn")).orElse(-1);
        List<StructField> added = new ArrayList<>();
        List<TeacherTask> tasks = new ArrayList<>();
        for (SparkTeacher teacher : Arrays.asList(teachers)) {
            Objects.requireNonNull(teacher, "teachers: a teacher is null");
            added.add(DataTypes.createStructField(teacher.column(), EntityColumns.ENTITIES, true));
            added.add(DataTypes.createStructField(teacher.column() + options.errorSuffix(), DataTypes.StringType, true));
            tasks.add(new TeacherTask(teacher, teacher instanceof SparkTeacher.Llm llm
                    ? JobBudgets.clientFor(notes.sparkSession().sparkContext(), llm) : null));
        }
        StructType out = withColumns(schema, added);
        return notes.mapPartitions(new LabelPartition(tasks, textIndex, idIndex, options.batchSize(),
                options.failureMode()), Encoders.row(out));
    }

    private static int textIndex(StructType schema, String textColumn) {
        int index = fieldIndex(schema, textColumn, "textColumn");
        if (!DataTypes.StringType.equals(schema.fields()[index].dataType())) {
            throw new IllegalArgumentException("textColumn '" + textColumn + "' must be a string column, found "
                    + schema.fields()[index].dataType().simpleString());
        }
        return index;
    }

    private static int fieldIndex(StructType schema, String column, String option) {
        Objects.requireNonNull(column, option);
        List<String> names = Arrays.asList(schema.fieldNames());
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(option + ": no column '" + column + "' in the notes; columns are "
                    + names);
        }
        return index;
    }

    private static StructType withColumns(StructType schema, List<StructField> added) {
        Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
        StructType out = schema;
        for (StructField field : added) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("column '" + field.name() + "' exists already: rename it or choose"
                        + " another output column name");
            }
            out = out.add(field);
        }
        return out;
    }
}
