package io.github.meddistill.core.combine;

import io.github.meddistill.core.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link Combiner} to whole corpora: one list of annotations per source, matched by
 * document id. Every source must annotate exactly the same documents; a document missing from
 * one source, or present twice, is an error that names the document and the source.
 *
 * <pre>{@code
 * List<Annotation> teacher = CorpusCombination.combine(List.of(gptLabels, doidLabels), new UnionCombiner(), "teacher");
 * }</pre>
 */
public final class CorpusCombination {

    private CorpusCombination() {
    }

    /**
     * The combined annotation of every document, in the document order of the first source.
     *
     * @param perSource for each source, its annotations of all documents (any order)
     * @param combiner the rule applied to each document
     * @param source the source name of the combined annotations
     * @throws IllegalArgumentException if no source is given, a document is missing from a source or
     *     annotated twice by it, or the combiner rejects a document
     */
    public static List<Annotation> combine(List<List<Annotation>> perSource, Combiner combiner, String source) {
        Objects.requireNonNull(perSource, "perSource");
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(source, "source");
        if (perSource.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine: no source given");
        }
        List<Map<String, Annotation>> byId = new ArrayList<>(perSource.size());
        for (int i = 0; i < perSource.size(); i++) {
            byId.add(indexById(perSource.get(i), i));
        }
        Map<String, Annotation> first = byId.get(0);
        for (int i = 1; i < byId.size(); i++) {
            requireSameDocuments(first, byId.get(i), i);
        }
        List<Annotation> combined = new ArrayList<>(first.size());
        for (String documentId : first.keySet()) {
            List<Annotation> annotations = new ArrayList<>(byId.size());
            for (Map<String, Annotation> annotationsOfSource : byId) {
                annotations.add(annotationsOfSource.get(documentId));
            }
            combined.add(combiner.combine(annotations, source));
        }
        return List.copyOf(combined);
    }

    private static Map<String, Annotation> indexById(List<Annotation> annotations, int sourceIndex) {
        Objects.requireNonNull(annotations, "perSource[" + sourceIndex + "]");
        Map<String, Annotation> byId = new LinkedHashMap<>();
        for (Annotation annotation : annotations) {
            Annotation previous = byId.put(annotation.documentId(), annotation);
            if (previous != null) {
                throw new IllegalArgumentException("document '" + annotation.documentId() + "' is annotated twice by"
                        + " source #" + sourceIndex + " (" + annotation.source() + ")");
            }
        }
        return byId;
    }

    private static void requireSameDocuments(Map<String, Annotation> first, Map<String, Annotation> other, int index) {
        for (Annotation annotation : first.values()) {
            if (!other.containsKey(annotation.documentId())) {
                throw new IllegalArgumentException("document '" + annotation.documentId() + "' is annotated by source #0 ("
                        + annotation.source() + ") but missing from source #" + index + sourceName(other));
            }
        }
        for (Annotation annotation : other.values()) {
            if (!first.containsKey(annotation.documentId())) {
                throw new IllegalArgumentException("document '" + annotation.documentId() + "' is annotated by source #"
                        + index + " (" + annotation.source() + ") but missing from source #0" + sourceName(first));
            }
        }
    }

    private static String sourceName(Map<String, Annotation> annotations) {
        return annotations.isEmpty() ? " (which is empty)" : " (" + annotations.values().iterator().next().source() + ")";
    }
}
