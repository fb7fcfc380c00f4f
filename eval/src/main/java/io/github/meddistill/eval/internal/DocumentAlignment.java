package io.github.meddistill.eval.internal;

import io.github.meddistill.core.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gold and predicted annotations paired by document id, in gold order. Not a published API.
 *
 * @param gold gold annotations
 * @param predicted the predicted annotation of the same document at the same index
 */
public record DocumentAlignment(List<Annotation> gold, List<Annotation> predicted) {

    /**
     * Pairs {@code predicted} with {@code gold} by document id.
     *
     * @throws IllegalArgumentException naming the document if one side lacks it, has it twice, or
     *     has a different text for it
     */
    public static DocumentAlignment align(List<Annotation> gold, List<Annotation> predicted, String system) {
        Map<String, Annotation> goldById = index(gold, "gold");
        Map<String, Annotation> predictedById = index(predicted, "predictions of " + system);
        for (String id : predictedById.keySet()) {
            if (!goldById.containsKey(id)) {
                throw new IllegalArgumentException("document '" + id + "' is in the predictions of " + system
                        + " but missing from gold");
            }
        }
        List<Annotation> alignedPredictions = new ArrayList<>(gold.size());
        for (Annotation goldAnnotation : goldById.values()) {
            String id = goldAnnotation.documentId();
            Annotation prediction = predictedById.get(id);
            if (prediction == null) {
                throw new IllegalArgumentException("document '" + id + "' is in gold but missing from the predictions of "
                        + system);
            }
            if (!prediction.document().text().equals(goldAnnotation.document().text())) {
                throw new IllegalArgumentException("document '" + id + "' has a different text in the predictions of "
                        + system + " than in gold (length " + prediction.document().text().length() + " instead of "
                        + goldAnnotation.document().text().length() + "): offsets cannot be compared");
            }
            alignedPredictions.add(prediction);
        }
        return new DocumentAlignment(List.copyOf(goldById.values()), List.copyOf(alignedPredictions));
    }

    private static Map<String, Annotation> index(List<Annotation> annotations, String side) {
        Map<String, Annotation> byId = new LinkedHashMap<>();
        for (Annotation annotation : annotations) {
            if (byId.put(annotation.documentId(), annotation) != null) {
                throw new IllegalArgumentException("document '" + annotation.documentId() + "' appears twice in " + side);
            }
        }
        return byId;
    }
}
