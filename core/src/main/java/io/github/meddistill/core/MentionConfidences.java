package io.github.meddistill.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How likely each training mention is to be right, per document id: probabilistic labels, for a
 * {@link StudentTrainer} that {@linkplain StudentTrainer#weighsMentions() weighs mentions}. A mention that is not
 * listed is certain (confidence 1). The distillation pipeline makes them from each teacher's precision on the gold
 * development set ({@code Distillation.Builder.reliabilityWeights}); a trainer counts a mention of confidence
 * {@code c} {@code c} times. Immutable and thread-safe.
 *
 * @param byDocument document id to its mentions' confidences, each in {@code [0, 1]}
 */
public record MentionConfidences(Map<String, Map<Entity, Double>> byDocument) {

    /** No confidences: every mention is certain. */
    public static final MentionConfidences NONE = new MentionConfidences(Map.of());

    public MentionConfidences {
        Objects.requireNonNull(byDocument, "byDocument");
        Map<String, Map<Entity, Double>> copy = new HashMap<>();
        byDocument.forEach((id, mentions) -> {
            mentions.forEach((entity, confidence) -> {
                if (!(confidence >= 0 && confidence <= 1)) {
                    throw new IllegalArgumentException("a mention's confidence must lie in [0, 1]: document " + id
                            + ", span [" + entity.start() + ", " + entity.end() + "), " + entity.type()
                            + ", confidence " + confidence);
                }
            });
            copy.put(id, Map.copyOf(mentions));
        });
        byDocument = Map.copyOf(copy);
    }

    /** The confidence of {@code entity} in document {@code documentId}; 1 when it is not listed. */
    public double of(String documentId, Entity entity) {
        return byDocument.getOrDefault(documentId, Map.of()).getOrDefault(entity, 1.0);
    }

    /** Whether every mention is certain. */
    public boolean isEmpty() {
        return byDocument.values().stream().allMatch(Map::isEmpty);
    }
}
