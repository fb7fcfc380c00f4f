package io.github.meddistill.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict (exact span and type) micro F1, the one number behind choices made on a development set inside the
 * pipeline and the student trainer (early stopping, decoding bias, self-training rounds). The full metrics, with
 * lenient matching, per-type scores and intervals, are in {@code meddistill-eval}. Empty gold and empty
 * predictions give 1.0; otherwise the usual formula.
 */
public final class SpanF1 {

    private SpanF1() {
    }

    /** Micro F1 over documents; {@code gold} and {@code predicted} are aligned by index. */
    public static double strict(List<List<Entity>> gold, List<List<Entity>> predicted) {
        long truePositives = 0;
        long goldCount = 0;
        long predictedCount = 0;
        for (int i = 0; i < gold.size(); i++) {
            Set<Entity> goldSet = new HashSet<>(gold.get(i));
            Set<Entity> predictedSet = new HashSet<>(predicted.get(i));
            goldCount += goldSet.size();
            predictedCount += predictedSet.size();
            predictedSet.retainAll(goldSet);
            truePositives += predictedSet.size();
        }
        if (goldCount == 0 && predictedCount == 0) {
            return 1.0;
        }
        return 2.0 * truePositives / (goldCount + predictedCount);
    }
}
