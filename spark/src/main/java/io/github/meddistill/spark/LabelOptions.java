package io.github.meddistill.spark;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of {@link MedDistillSpark#label(org.apache.spark.sql.Dataset, LabelOptions, SparkTeacher...)}.
 * Immutable; {@link #defaults()} holds every default, and the {@code with...} methods return changed copies.
 *
 * @param textColumn the string column holding each note's text; default {@code text}
 * @param idColumn a column whose value names the note in teachers' messages and logs (never its text); default none,
 *     when notes are named by partition and row
 * @param batchSize notes handed to a teacher at once within a partition (an LLM teacher sends up to its
 *     {@code maxConcurrency} requests of a batch at a time); default 32
 * @param errorSuffix appended to each teacher's column name for its error column; default {@code _error}
 * @param failureMode what a failing note does; default {@link FailureMode#NULL_WITH_ERROR}
 */
public record LabelOptions(String textColumn, Optional<String> idColumn, int batchSize, String errorSuffix,
        FailureMode failureMode) {

    public LabelOptions {
        ExtractOptions.requireName("textColumn", textColumn);
        Objects.requireNonNull(idColumn, "idColumn");
        idColumn.ifPresent(id -> ExtractOptions.requireName("idColumn", id));
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: batchSize=" + batchSize);
        }
        ExtractOptions.requireName("errorSuffix", errorSuffix);
        Objects.requireNonNull(failureMode, "failureMode");
    }

    /** Text in {@code text}, no id column, batches of 32, error columns {@code <teacher>_error}, null-with-error. */
    public static LabelOptions defaults() {
        return new LabelOptions("text", Optional.empty(), 32, "_error", FailureMode.NULL_WITH_ERROR);
    }

    public LabelOptions withTextColumn(String newTextColumn) {
        return new LabelOptions(newTextColumn, idColumn, batchSize, errorSuffix, failureMode);
    }

    public LabelOptions withIdColumn(String newIdColumn) {
        return new LabelOptions(textColumn, Optional.of(newIdColumn), batchSize, errorSuffix, failureMode);
    }

    public LabelOptions withBatchSize(int newBatchSize) {
        return new LabelOptions(textColumn, idColumn, newBatchSize, errorSuffix, failureMode);
    }

    public LabelOptions withErrorSuffix(String newErrorSuffix) {
        return new LabelOptions(textColumn, idColumn, batchSize, newErrorSuffix, failureMode);
    }

    public LabelOptions withFailureMode(FailureMode newFailureMode) {
        return new LabelOptions(textColumn, idColumn, batchSize, errorSuffix, newFailureMode);
    }
}
