package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ai.djl.ndarray.NDManager;

/**
 * Runs the model over the windows of many documents: windows are sorted by length and batched with dynamic
 * padding, so short notes are not padded to the longest one. Thread-safe if the model is not being changed.
 */
public final class BatchScorer {

    private BatchScorer() {
    }

    /**
     * Label scores per window of each document, {@code [position][label]}, aligned with
     * {@link TokenClassificationCodec#inputIds}.
     */
    public static List<List<float[][]>> scores(BertModel model, TokenClassificationCodec codec,
            List<EncodedDocument> documents, int batchSize) {
        return scores(model::newBatchManager, (batch) -> model.logits(batch.inputIds(), batch.attentionMask(), false)
                .toFloatArray(), model.numLabels(), codec, documents, batchSize);
    }

    /** Computes flat {@code [batch, length, labels]} logits of a padded batch. */
    @FunctionalInterface
    public interface Logits {
        float[] of(PaddedBatch batch);
    }

    /**
     * As {@link #scores(BertModel, TokenClassificationCodec, List, int)} for any model: {@code managers} gives a
     * fresh manager per batch (closed after it), {@code logits} runs the model.
     */
    public static List<List<float[][]>> scores(java.util.function.Supplier<NDManager> managers, Logits logits,
            int labels, TokenClassificationCodec codec, List<EncodedDocument> documents, int batchSize) {
        record Item(int document, int window, long[] ids) {
        }
        List<Item> items = new ArrayList<>();
        List<List<float[][]>> results = new ArrayList<>(documents.size());
        for (int d = 0; d < documents.size(); d++) {
            EncodedDocument document = documents.get(d);
            List<float[][]> perWindow = new ArrayList<>(document.windows().size());
            for (int w = 0; w < document.windows().size(); w++) {
                items.add(new Item(d, w, codec.inputIds(document, document.windows().get(w))));
                perWindow.add(null);
            }
            results.add(perWindow);
        }
        items.sort(Comparator.comparingInt((Item item) -> item.ids().length));
        for (int from = 0; from < items.size(); from += batchSize) {
            List<Item> batch = items.subList(from, Math.min(items.size(), from + batchSize));
            List<long[]> ids = batch.stream().map(Item::ids).toList();
            try (NDManager manager = managers.get()) {
                PaddedBatch padded = PaddedBatch.of(manager, ids, null);
                float[] flat = logits.of(padded);
                int width = padded.length();
                for (int i = 0; i < batch.size(); i++) {
                    Item item = batch.get(i);
                    float[][] scores = new float[item.ids().length][labels];
                    for (int t = 0; t < scores.length; t++) {
                        System.arraycopy(flat, (i * width + t) * labels, scores[t], 0, labels);
                    }
                    results.get(item.document()).set(item.window(), scores);
                }
            }
        }
        return results;
    }
}
