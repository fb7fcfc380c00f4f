package io.github.meddistill.core;

import java.util.List;
import java.util.Objects;

/**
 * The entities one source (a teacher's name, {@code "gold"}, a student) found in one document.
 *
 * <p>Every entity is checked against the document: its span lies inside the text and its
 * {@code text} equals the covered substring. Entities are kept in {@link Entity#DOCUMENT_ORDER}
 * without duplicates, so two annotations with the same mentions are equal.
 */
public record Annotation(Document document, List<Entity> entities, String source) {

    /** Conventional source name of human labels. */
    public static final String GOLD = "gold";

    public Annotation {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank (document " + document.id() + ")");
        }
        String text = document.text();
        for (Entity entity : entities) {
            Objects.requireNonNull(entity, "entity");
            if (entity.end() > text.length()) {
                throw new IllegalArgumentException("entity ends after the text of document " + document.id()
                        + ": start=" + entity.start() + ", end=" + entity.end() + ", text length=" + text.length());
            }
            if (!text.regionMatches(entity.start(), entity.text(), 0, entity.length())) {
                throw new IllegalArgumentException("entity text does not match document " + document.id()
                        + " at [" + entity.start() + ", " + entity.end() + "): entity text='" + entity.text()
                        + "', document text='" + text.substring(entity.start(), entity.end()) + "'");
            }
        }
        entities = entities.stream().distinct().sorted(Entity.DOCUMENT_ORDER).toList();
    }

    /** The id of the annotated document. */
    public String documentId() {
        return document.id();
    }

    /** The same document and entities, attributed to another source. */
    public Annotation withSource(String newSource) {
        return new Annotation(document, entities, newSource);
    }

    /** Only the entities of the given types. */
    public Annotation onlyTypes(java.util.Set<EntityType> types) {
        return new Annotation(document, entities.stream().filter(e -> types.contains(e.type())).toList(), source);
    }

    /** Only the entities of the given type. */
    public Annotation onlyType(EntityType type) {
        return new Annotation(document, entities.stream().filter(e -> e.type().equals(type)).toList(), source);
    }

    @Override
    public String toString() {
        return "Annotation[document=" + document.id() + ", source=" + source + ", entities=" + entities.size() + "]";
    }
}
