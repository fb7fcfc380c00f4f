package io.github.meddistill.core.pipeline;

import java.nio.file.Path;

/**
 * The result of an {@link Evaluator}: a human-readable table and report files. Reports can contain
 * note text (error lists with context): they are written only where the caller points.
 */
public interface Evaluation {

    /** A plain-text or Markdown table for a terminal. */
    String summaryTable();

    /** Writes the report files (e.g. {@code report.json}, {@code report.md}, {@code report.html}) into {@code directory}. */
    void writeReports(Path directory);
}
