package io.github.meddistill.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * One entity mention: a character span {@code [start, end)} of a document's text, its type, and the
 * covered text. {@code text} must be exactly {@code documentText.substring(start, end)}; use
 * {@link #of(String, int, int, EntityType)} to take it from the document, and
 * {@link Annotation} checks it against its document.
 */
public record Entity(int start, int end, EntityType type, String text) implements Comparable<Entity> {

    /** Document order: start, then longer first, then type name. */
    public static final Comparator<Entity> DOCUMENT_ORDER = Comparator.comparingInt(Entity::start)
            .thenComparing(Comparator.comparingInt(Entity::end).reversed())
            .thenComparing(Entity::type);

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative: start=" + start + ", end=" + end);
        }
        if (start >= end) {
            throw new IllegalArgumentException("start must be smaller than end: start=" + start + ", end=" + end);
        }
        if (text.length() != end - start) {
            throw new IllegalArgumentException("text length must equal end - start: start=" + start + ", end=" + end
                    + ", text length=" + text.length());
        }
    }

    /**
     * The entity covering {@code [start, end)} of {@code documentText}.
     *
     * @throws IllegalArgumentException if the span lies outside the text
     */
    public static Entity of(String documentText, int start, int end, EntityType type) {
        Objects.requireNonNull(documentText, "documentText");
        if (start < 0 || end > documentText.length() || start >= end) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end <= text length: start=" + start
                    + ", end=" + end + ", text length=" + documentText.length());
        }
        return new Entity(start, end, type, documentText.substring(start, end));
    }

    /** Whether the two spans share at least one character (types are not compared). */
    public boolean overlaps(Entity other) {
        return start < other.end && other.start < end;
    }

    /** Number of characters covered. */
    public int length() {
        return end - start;
    }

    @Override
    public int compareTo(Entity other) {
        return DOCUMENT_ORDER.compare(this, other);
    }
}
