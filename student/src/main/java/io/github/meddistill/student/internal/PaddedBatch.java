package io.github.meddistill.student.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Sequences padded to the longest one in the batch (dynamic padding), as model inputs.
 *
 * @param inputIds {@code [batch, length]} int64
 * @param attentionMask {@code [batch, length]} int64, 1 on real tokens
 * @param labels {@code [batch, length]} int64 label indexes with -1 on ignored positions, or null without labels
 * @param confidence {@code [batch, length]} float32, the confidence of each position's label (1 where certain and
 *     on padding), or null when every label is certain
 * @param length the padded length
 * @param realTokens number of non-pad tokens
 */
public record PaddedBatch(NDArray inputIds, NDArray attentionMask, NDArray labels, NDArray confidence, int length,
                          long realTokens) {

    /** Pads {@code ids} (and {@code labels} when not null) with id 0 / label -1 in {@code manager}. */
    public static PaddedBatch of(NDManager manager, List<long[]> ids, List<int[]> labels) {
        return of(manager, ids, labels, null);
    }

    /**
     * As {@link #of(NDManager, List, List)}, with each sequence's label confidences ({@code null} for a sequence, or
     * for the list, where all are certain).
     */
    public static PaddedBatch of(NDManager manager, List<long[]> ids, List<int[]> labels, List<float[]> confidences) {
        int length = 0;
        for (long[] sequence : ids) {
            length = Math.max(length, sequence.length);
        }
        int batch = ids.size();
        long[] flatIds = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] flatLabels = labels == null ? null : new long[batch * length];
        if (flatLabels != null) {
            java.util.Arrays.fill(flatLabels, TokenClassificationCodec.IGNORED);
        }
        float[] flatConfidences = confidences == null || confidences.stream().allMatch(java.util.Objects::isNull)
                ? null : new float[batch * length];
        if (flatConfidences != null) {
            java.util.Arrays.fill(flatConfidences, 1f);
        }
        long real = 0;
        for (int i = 0; i < batch; i++) {
            float[] confidence = flatConfidences == null ? null : confidences.get(i);
            long[] sequence = ids.get(i);
            System.arraycopy(sequence, 0, flatIds, i * length, sequence.length);
            for (int t = 0; t < sequence.length; t++) {
                mask[i * length + t] = 1;
                if (flatLabels != null) {
                    flatLabels[i * length + t] = labels.get(i)[t];
                }
                if (confidence != null) {
                    flatConfidences[i * length + t] = confidence[t];
                }
            }
            real += sequence.length;
        }
        Shape shape = new Shape(batch, length);
        return new PaddedBatch(manager.create(flatIds, shape), manager.create(mask, shape),
                flatLabels == null ? null : manager.create(flatLabels, shape),
                flatConfidences == null ? null : manager.create(flatConfidences, shape), length, real);
    }
}
