package io.github.meddistill.core;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One entity mention: a character span {@code [start, end)} of a document's text, its type, and the
 * covered text. {@code text} must be exactly {@code documentText.substring(start, end)}; use
 * {@link #of(String, int, int, EntityType)} to take it from the document, and
 * {@link Annotation} checks it against its document.
 *
 * <p>An entity may also carry its clinical context: an {@link Assertion} (negated, uncertain, hypothetical,
 * historical, experiencer; {@link Assertion#UNKNOWN} until an assertion step such as
 * {@code io.github.meddistill.core.context.ContextEngine} decides it) and the ontology concepts its text names,
 * best first (empty until a concept linker ran). Neither takes part in {@link #equals(Object)}, {@link #hashCode()}
 * or ordering: two mentions of the same span and type are the same mention, so exact-match F1 stays plain set
 * arithmetic.
 *
 * @param assertion the mention's assertion status, never null
 * @param concepts the concepts the mention names, best first; empty when not linked
 */
public record Entity(int start, int end, EntityType type, String text, Assertion assertion,
                     List<LinkedConcept> concepts) implements Comparable<Entity> {

    /** Document order: start, then longer first, then type name. */
    public static final Comparator<Entity> DOCUMENT_ORDER = Comparator.comparingInt(Entity::start)
            .thenComparing(Comparator.comparingInt(Entity::end).reversed())
            .thenComparing(Entity::type);

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(assertion, "assertion");
        concepts = List.copyOf(Objects.requireNonNull(concepts, "concepts"));
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

    /** An entity without clinical context: {@link Assertion#UNKNOWN}, no concepts. */
    public Entity(int start, int end, EntityType type, String text) {
        this(start, end, type, text, Assertion.UNKNOWN, List.of());
    }

    /** The same mention with {@code newAssertion}. */
    public Entity withAssertion(Assertion newAssertion) {
        return new Entity(start, end, type, text, newAssertion, concepts);
    }

    /** The same mention with {@code newConcepts}, best first. */
    public Entity withConcepts(List<LinkedConcept> newConcepts) {
        return new Entity(start, end, type, text, assertion, newConcepts);
    }

    /** Span, type and text only: assertion and concepts are context, not identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Entity that && start == that.start && end == that.end && type.equals(that.type)
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, type, text);
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
