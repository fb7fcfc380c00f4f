package io.github.meddistill.teachers;

import java.util.Objects;

/**
 * A progress snapshot of one labelling run.
 *
 * @param notesDone notes finished (labelled or failed)
 * @param notesTotal notes in the run
 * @param totals what the finished notes took so far (failures, tokens, dollars, ...)
 */
public record Progress(long notesDone, long notesTotal, UsageTotals totals) {

    public Progress {
        Objects.requireNonNull(totals, "totals");
    }

    /** Failed notes so far. */
    public long failures() {
        return totals.failedNotes();
    }

    /** Dollars spent so far in this run. */
    public double costUsd() {
        return totals.costUsd();
    }
}
