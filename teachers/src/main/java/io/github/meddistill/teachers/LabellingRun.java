package io.github.meddistill.teachers;

import io.github.meddistill.core.Annotation;
import java.util.List;
import java.util.Objects;

/** The result of labelling a list of notes: one {@link NoteResult} per note, in input order, and totals. */
public record LabellingRun(List<NoteResult> results, UsageTotals totals) {

    public LabellingRun {
        results = List.copyOf(results);
        Objects.requireNonNull(totals, "totals");
    }

    /** Annotations of the labelled notes, in input order. */
    public List<Annotation> annotations() {
        return results.stream().flatMap(r -> r.annotation().stream()).toList();
    }

    /** The notes that failed. */
    public List<NoteResult> failures() {
        return results.stream().filter(r -> !r.isLabelled()).toList();
    }

    public boolean allLabelled() {
        return results.stream().allMatch(NoteResult::isLabelled);
    }
}
