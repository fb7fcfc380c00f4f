package io.github.meddistill.spark;

import java.util.Objects;

/**
 * Settings of {@link MedDistillSpark#extract(org.apache.spark.sql.Dataset, String, String, ExtractOptions)}.
 * Immutable; {@link #defaults()} holds every default, and the {@code with...} methods return changed copies.
 *
 * @param batchSize notes handed to {@code Student.extractAll} at once within a partition (the student batches their
 *     windows further); default 32
 * @param entitiesColumn name of the added column of entities; default {@code entities}
 * @param errorColumn name of the added column that says why a note has no entities; default {@code error}
 * @param failureMode what a failing note does; default {@link FailureMode#NULL_WITH_ERROR}
 * @param engine the engine that runs the student; default {@link StudentEngine#PYTORCH}
 */
public record ExtractOptions(int batchSize, String entitiesColumn, String errorColumn, FailureMode failureMode,
        StudentEngine engine) {

    public ExtractOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: batchSize=" + batchSize);
        }
        requireName("entitiesColumn", entitiesColumn);
        requireName("errorColumn", errorColumn);
        if (entitiesColumn.equals(errorColumn)) {
            throw new IllegalArgumentException("entitiesColumn and errorColumn must differ: both '" + entitiesColumn + "'");
        }
        Objects.requireNonNull(failureMode, "failureMode");
        Objects.requireNonNull(engine, "engine");
    }

    /** Batches of 32, columns {@code entities} and {@code error}, null-with-error on failure, PyTorch. */
    public static ExtractOptions defaults() {
        return new ExtractOptions(32, "entities", "error", FailureMode.NULL_WITH_ERROR, StudentEngine.PYTORCH);
    }

    public ExtractOptions withBatchSize(int newBatchSize) {
        return new ExtractOptions(newBatchSize, entitiesColumn, errorColumn, failureMode, engine);
    }

    public ExtractOptions withEntitiesColumn(String newEntitiesColumn) {
        return new ExtractOptions(batchSize, newEntitiesColumn, errorColumn, failureMode, engine);
    }

    public ExtractOptions withErrorColumn(String newErrorColumn) {
        return new ExtractOptions(batchSize, entitiesColumn, newErrorColumn, failureMode, engine);
    }

    public ExtractOptions withFailureMode(FailureMode newFailureMode) {
        return new ExtractOptions(batchSize, entitiesColumn, errorColumn, newFailureMode, engine);
    }

    public ExtractOptions withEngine(StudentEngine newEngine) {
        return new ExtractOptions(batchSize, entitiesColumn, errorColumn, failureMode, newEngine);
    }

    static void requireName(String field, String name) {
        Objects.requireNonNull(name, field);
        if (name.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
