package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SpanF1;

/**
 * Chooses a decoding bias per entity type on the dev set (see {@link TokenClassificationCodec#withEntityBias}):
 * for each type on its own, the candidate that gives that type's highest strict span F1, the smallest change
 * winning ties. Trained on incomplete teacher labels, a student often finds more spans than are there; a bias is
 * the decision threshold that trades the surplus recall back for precision. Decoding only: the scores are computed
 * once. Stateless.
 */
public final class EntityBiasCalibration {

    /** Log-probability offsets tried, smallest change first. */
    static final double[] CANDIDATES = {0, 0.5, -0.5, 1, -1, 1.5, 2, 3};

    private EntityBiasCalibration() {
    }

    /**
     * The chosen bias per type, and the micro strict F1 on dev of decoding with all of them (with no types: no
     * bias, and the plain dev F1).
     */
    public record Result(Map<EntityType, Double> bias, double f1) {
    }

    /**
     * @param scores the model's scores for each dev document's windows, as {@link TokenClassificationCodec#decode}
     *     takes them
     * @param gold the dev entities, aligned with {@code documents}
     */
    public static Result calibrate(TokenClassificationCodec codec, Collection<EntityType> types,
            List<EncodedDocument> documents, List<List<float[][]>> scores, List<List<Entity>> gold) {
        Map<EntityType, Double> chosen = new LinkedHashMap<>();
        for (EntityType type : types) {
            List<List<Entity>> typeGold = onlyType(gold, type);
            double bestBias = 0;
            double bestF1 = Double.NEGATIVE_INFINITY;
            for (double candidate : CANDIDATES) {
                List<List<Entity>> predicted = decodeAll(codec.withEntityBias(Map.of(type, candidate)), documents,
                        scores);
                double f1 = SpanF1.strict(typeGold, onlyType(predicted, type));
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestBias = candidate;
                }
            }
            chosen.put(type, bestBias);
        }
        double f1 = SpanF1.strict(gold, decodeAll(codec.withEntityBias(chosen), documents, scores));
        return new Result(Map.copyOf(chosen), f1);
    }

    private static List<List<Entity>> decodeAll(TokenClassificationCodec codec, List<EncodedDocument> documents,
            List<List<float[][]>> scores) {
        List<List<Entity>> predicted = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            predicted.add(codec.decode(documents.get(i), scores.get(i)));
        }
        return predicted;
    }

    private static List<List<Entity>> onlyType(List<List<Entity>> entities, EntityType type) {
        return entities.stream().map(list -> list.stream().filter(e -> e.type().equals(type)).toList()).toList();
    }
}
