package io.github.meddistill.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named, in-memory list of annotated documents (gold or predicted), with unique document ids.
 * Readers in {@code io.github.meddistill.core.io} stream large files; collect into a corpus when
 * everything fits in memory.
 */
public record Corpus(String name, List<Annotation> annotations) {

    public Corpus {
        Objects.requireNonNull(name, "name");
        annotations = List.copyOf(annotations);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Annotation annotation : annotations) {
            if (seen.put(annotation.documentId(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("duplicate document id in corpus " + name + ": "
                        + annotation.documentId());
            }
        }
    }

    /** The documents, without their entities. */
    public List<Document> documents() {
        return annotations.stream().map(Annotation::document).toList();
    }

    /** Every entity type that occurs at least once. */
    public SortedSet<EntityType> entityTypes() {
        SortedSet<EntityType> types = new TreeSet<>();
        annotations.forEach(a -> a.entities().forEach(e -> types.add(e.type())));
        return types;
    }

    /** Total number of entity mentions. */
    public int mentionCount() {
        return annotations.stream().mapToInt(a -> a.entities().size()).sum();
    }

    public Optional<Annotation> find(String documentId) {
        return annotations.stream().filter(a -> a.documentId().equals(documentId)).findFirst();
    }

    public int size() {
        return annotations.size();
    }
}
