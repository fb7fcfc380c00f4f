package io.github.meddistill.core;

import java.util.Objects;

/**
 * One terminology hit in a text: the span {@code [start, end)}, the matched text, the concept it
 * names, that concept's preferred name, the entity type it maps to, and the vocabulary it came
 * from (e.g. {@code RXNORM}, {@code SNOMEDCT_US}, {@code DOID}).
 */
public record ConceptMatch(int start, int end, String text, String conceptId, String preferredName,
                           EntityType type, String source) {

    public ConceptMatch {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(preferredName, "preferredName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (start < 0 || start >= end || text.length() != end - start) {
            throw new IllegalArgumentException("match span must satisfy 0 <= start < end and text length = end - start:"
                    + " start=" + start + ", end=" + end + ", text length=" + text.length());
        }
    }

    /** The match as an entity of the same span and type. */
    public Entity toEntity() {
        return new Entity(start, end, type, text);
    }
}
