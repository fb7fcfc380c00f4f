package io.github.meddistill.ontology;

import io.github.meddistill.core.EntityType;
import java.util.List;
import java.util.Objects;

/**
 * One dictionary entry: a name or synonym to look for in text, the concept it names, that
 * concept's preferred name, the entity type it maps to and the vocabulary it came from.
 *
 * @param text the string to match, as the vocabulary spells it (e.g. {@code "Heart attack"})
 * @param conceptId the concept's id in its vocabulary (e.g. {@code "22298006"}, {@code "DOID:9352"})
 * @param preferredName the concept's preferred name (e.g. {@code "Myocardial infarction"})
 * @param type the entity type a match of this term gets
 * @param source the vocabulary (e.g. {@code "RXNORM"}, {@code "SNOMEDCT"}, {@code "DOID"})
 * @param xrefs the concept's cross-references to other vocabularies as the source writes them (DOID:
 *              {@code "MESH:D003924"}, {@code "UMLS_CUI:C0011860"}, {@code "OMIM:125853"}); empty when the loader
 *              keeps none. Not used for matching; a {@link ConceptLinker} passes them on.
 * @param parents the ids of the concept's direct broader concepts in the same vocabulary (OBO {@code is_a}), as
 *              {@code conceptId}s; empty when the loader keeps none. A {@link ConceptLinker} gives a concept the
 *              cross-references of its nearest ancestors for the vocabularies its own {@code xrefs} lack.
 */
public record Term(String text, String conceptId, String preferredName, EntityType type, String source,
                   List<String> xrefs, List<String> parents) {

    public Term {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(preferredName, "preferredName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        xrefs = List.copyOf(Objects.requireNonNull(xrefs, "xrefs"));
        parents = List.copyOf(Objects.requireNonNull(parents, "parents"));
        if (text.isBlank()) {
            throw new IllegalArgumentException("term text must not be blank: conceptId=" + conceptId);
        }
        if (conceptId.isBlank()) {
            throw new IllegalArgumentException("conceptId must not be blank: text='" + text + "'");
        }
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank: text='" + text + "'");
        }
    }

    /** A term without broader concepts. */
    public Term(String text, String conceptId, String preferredName, EntityType type, String source,
                List<String> xrefs) {
        this(text, conceptId, preferredName, type, source, xrefs, List.of());
    }

    /** A term without cross-references or broader concepts. */
    public Term(String text, String conceptId, String preferredName, EntityType type, String source) {
        this(text, conceptId, preferredName, type, source, List.of(), List.of());
    }
}
