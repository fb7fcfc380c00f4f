package io.github.meddistill.spark.internal;

import io.github.meddistill.core.Entity;
import java.util.List;

/**
 * What one note got from a student or teacher: its entities, or the error that replaced them. The error names the
 * exception and its message, never the note's text.
 */
public record NoteOutcome(List<Entity> entities, String error) {

    public NoteOutcome {
        if ((entities == null) == (error == null)) {
            throw new IllegalArgumentException("a note outcome has entities or an error, exactly one: entities="
                    + (entities == null ? "null" : entities.size()) + ", error=" + error);
        }
        entities = entities == null ? null : List.copyOf(entities);
    }

    public static NoteOutcome of(List<Entity> entities) {
        return new NoteOutcome(entities, null);
    }

    public static NoteOutcome failed(Throwable failure) {
        String message = failure.getMessage();
        return new NoteOutcome(null, failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    public static NoteOutcome failed(String error) {
        return new NoteOutcome(null, error);
    }

    /** The entities column value (null for a failed note). */
    public Object column() {
        return entities == null ? null : io.github.meddistill.spark.EntityColumns.toColumn(entities);
    }
}
