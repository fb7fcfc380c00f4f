package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a model over the windows of many documents in packed forward passes ({@link PackedBatch}): no padding in the
 * dense layers, so one short note costs what its tokens cost. Windows are sorted by length and cut into passes of
 * at most {@code tokensPerPass} tokens (a window longer than that gets a pass of its own). Thread-safe if the model
 * is.
 */
public final class PackedScorer {

    /**
     * Tokens per forward pass. Big enough that the matrix products of one note (a few hundred tokens) and of a
     * batch run at full speed, small enough that a pass's activations stay near the caches and its attention bias
     * small; 1024 to 4096 measured alike on MiniLM (2 cores), 512 was slower.
     */
    public static final int TOKENS_PER_PASS = 2048;

    private PackedScorer() {
    }

    /** Computes flat {@code [tokens, labels]} logits of a packed batch, allocating in a manager of its own. */
    @FunctionalInterface
    public interface Logits {
        float[] of(PackedBatch batch);
    }

    /**
     * Label scores per window of each document, {@code [position][label]}, aligned with
     * {@link TokenClassificationCodec#inputIds}, as {@link BatchScorer} gives them.
     */
    public static List<List<float[][]>> scores(Logits logits, int labels, TokenClassificationCodec codec,
            List<EncodedDocument> documents, int tokensPerPass) {
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
        int from = 0;
        while (from < items.size()) {
            int to = from;
            int tokens = 0;
            while (to < items.size() && (to == from || tokens + items.get(to).ids().length <= tokensPerPass)) {
                tokens += items.get(to).ids().length;
                to++;
            }
            List<Item> pass = items.subList(from, to);
            PackedBatch batch = PackedBatch.of(pass.stream().map(Item::ids).toList());
            float[] flat = logits.of(batch);
            for (int i = 0; i < pass.size(); i++) {
                Item item = pass.get(i);
                int start = batch.sequenceStarts()[i];
                float[][] scores = new float[item.ids().length][labels];
                for (int t = 0; t < scores.length; t++) {
                    System.arraycopy(flat, (start + t) * labels, scores[t], 0, labels);
                }
                results.get(item.document()).set(item.window(), scores);
            }
            from = to;
        }
        return results;
    }
}
