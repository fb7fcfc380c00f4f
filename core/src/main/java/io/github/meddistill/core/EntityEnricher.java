package io.github.meddistill.core;

import java.util.List;

/**
 * A step that adds context to the entities found in a text without changing their spans: an assertion engine
 * ({@code ContextEngine}) or a concept linker ({@code ConceptLinker}). Chain them on a student with
 * {@link EnrichingStudent#wrap(Student, EntityEnricher...)}.
 */
@FunctionalInterface
public interface EntityEnricher {

    /**
     * The same entities, in the same order, with more context attached.
     *
     * @throws IllegalArgumentException if an entity's text is not the text of {@code text} at its span
     */
    List<Entity> enrich(String text, List<Entity> entities);
}
