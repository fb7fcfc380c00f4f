package io.github.meddistill.core;

import java.util.List;
import java.util.Objects;

/**
 * One ontology concept an entity's text names, as a concept linker ranks it.
 *
 * @param conceptId the concept's id in its vocabulary (e.g. {@code "DOID:9352"}, an RXCUI, a SNOMED CT id)
 * @param preferredName the concept's preferred name
 * @param source the vocabulary (e.g. {@code "DOID"}, {@code "HP"}, {@code "RXNORM"})
 * @param score how well the entity's text matches the concept's best name, in {@code [0, 1]}; 1 for an exact match
 * @param method how the concept was found
 * @param xrefs the concept's cross-references to other vocabularies as its source writes them (e.g.
 *              {@code "MESH:D003924"}, {@code "UMLS_CUI:C0011860"}); empty when it has none
 * @param broaderXrefs cross-references of the concept's nearest broader concepts (its closest {@code is_a}
 *              ancestors that have one), for each vocabulary that {@code xrefs} lacks: the code of the nearest
 *              broader concept, as a coder picks when a vocabulary has no code for the concept itself. Empty when
 *              the linker knows no hierarchy, or when {@code xrefs} covers every vocabulary the ancestors do
 */
public record LinkedConcept(String conceptId, String preferredName, String source, double score, LinkMethod method,
                            List<String> xrefs, List<String> broaderXrefs) {

    /** How a concept was reached. */
    public enum LinkMethod {
        /** The text equals one of the concept's names after normalisation. */
        EXACT,
        /**
         * The text equals, after normalisation, a mention that a linking example (a coder's earlier decision: this
         * text names that code) gave the concept's id or one of its cross-references.
         */
        EXAMPLE,
        /** The text is an abbreviation defined in the note, and its long form equals a name. */
        ABBREVIATION,
        /**
         * A variant of the text equals a name: a word replaced by an equivalent one ("tumour" by "tumor" or
         * "cancer"), or one conjunct of a coordination ("breast and ovarian cancer" as "breast cancer").
         */
        VARIANT,
        /** The text is similar to a name (character n-gram overlap). */
        SIMILARITY
    }

    public LinkedConcept {
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(preferredName, "preferredName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(method, "method");
        xrefs = List.copyOf(Objects.requireNonNull(xrefs, "xrefs"));
        broaderXrefs = List.copyOf(Objects.requireNonNull(broaderXrefs, "broaderXrefs"));
        if (conceptId.isBlank()) {
            throw new IllegalArgumentException("conceptId must not be blank");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must lie in [0, 1]: conceptId=" + conceptId + ", score=" + score);
        }
    }

    /** A concept without broader cross-references. */
    public LinkedConcept(String conceptId, String preferredName, String source, double score, LinkMethod method,
                         List<String> xrefs) {
        this(conceptId, preferredName, source, score, method, xrefs, List.of());
    }
}
