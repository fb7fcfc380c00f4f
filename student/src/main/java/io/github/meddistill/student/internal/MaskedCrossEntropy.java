package io.github.meddistill.student.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Token cross-entropy that ignores positions labelled {@link TokenClassificationCodec#IGNORED} (padding, special
 * tokens, non-first word pieces); DJL's built-in softmax cross-entropy has no such mask.
 */
public final class MaskedCrossEntropy {

    private MaskedCrossEntropy() {
    }

    /**
     * Sum of the negative log-likelihoods of the labelled positions divided by {@code normalizer} (the number of
     * labelled positions in the whole batch, so shards of one batch add up to its mean).
     *
     * @param logits {@code [batch, tokens, labels]}
     * @param labels {@code [batch, tokens]} int64, -1 where ignored
     */
    public static NDArray loss(NDArray logits, NDArray labels, long normalizer) {
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray valid = labels.gte(0).toType(DataType.FLOAT32, false);
        NDArray safeLabels = labels.maximum(0);
        NDArray picked = logProbabilities.gather(safeLabels.expandDims(-1), -1).squeeze(-1);
        return picked.mul(valid).sum().neg().div(Math.max(1, normalizer));
    }

    /** Number of labelled positions. */
    public static long labelled(int[] labels) {
        long count = 0;
        for (int label : labels) {
            if (label >= 0) {
                count++;
            }
        }
        return count;
    }
}
