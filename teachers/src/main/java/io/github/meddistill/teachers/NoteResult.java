package io.github.meddistill.teachers;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.MedDistillException;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one note: either its annotation or the failure that prevented it, always with a
 * report.
 */
public record NoteResult(String documentId, Optional<Annotation> annotation, Optional<MedDistillException> failure,
                         NoteReport report) {

    public NoteResult {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(annotation, "annotation");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(report, "report");
        if (annotation.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a note result has either an annotation or a failure, not "
                    + (annotation.isPresent() ? "both" : "neither") + ": document " + documentId);
        }
    }

    static NoteResult labelled(Annotation annotation, NoteReport report) {
        return new NoteResult(annotation.documentId(), Optional.of(annotation), Optional.empty(), report);
    }

    static NoteResult failed(String documentId, MedDistillException failure, NoteReport report) {
        return new NoteResult(documentId, Optional.empty(), Optional.of(failure), report);
    }

    public boolean isLabelled() {
        return annotation.isPresent();
    }
}
