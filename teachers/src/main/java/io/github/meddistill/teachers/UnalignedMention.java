package io.github.meddistill.teachers;

import java.util.Objects;

/**
 * A mention a model returned that did not become an entity, and why. Kept in the
 * {@link NoteReport} so that nothing is dropped silently. PHI: {@code text} comes from the note.
 *
 * @param text the mention as the model wrote it
 * @param type the type as the model wrote it
 * @param reason why it was not turned into an entity
 */
public record UnalignedMention(String text, String type, Reason reason) {

    /** Why a mention was not aligned. */
    public enum Reason {
        /** Neither the exact string nor a case- and whitespace-insensitive variant occurs in the text. */
        NOT_IN_TEXT,
        /** The type is not one of the requested entity types. */
        TYPE_NOT_REQUESTED
    }

    public UnalignedMention {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "UnalignedMention[type=" + type + ", reason=" + reason + ", length=" + text.length() + "]";
    }
}
