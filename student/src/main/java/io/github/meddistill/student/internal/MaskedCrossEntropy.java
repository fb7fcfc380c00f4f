package io.github.meddistill.student.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Token cross-entropy that ignores positions labelled {@link TokenClassificationCodec#IGNORED} (padding, special
 * tokens, non-first word pieces); DJL's built-in softmax cross-entropy has no such mask. Positions labelled
 * outside (label 0) may weigh less than entity positions, for teacher labels that miss entities, and a label may be
 * unsure: one of confidence {@code c} counts {@code c} times. What it does not say is left unknown rather than taught
 * as outside: on the main job's dev sets (BC5CDR / NCBI-disease / MACCROBAT, no weights 0.662 / 0.625 / 0.345),
 * soft targets with {@code 1 - c} on outside gave 0.689 / 0.597 / 0.204, these weights 0.669 / 0.636 / 0.329.
 */
public final class MaskedCrossEntropy {

    private MaskedCrossEntropy() {
    }

    /**
     * Weighted sum of the negative log-likelihoods of the labelled positions divided by {@code normalizer} (the
     * {@linkplain #weight total weight} of the whole batch, so shards of one batch add up to its weighted mean).
     *
     * @param logits {@code [batch, tokens, labels]}
     * @param labels {@code [batch, tokens]} int64, -1 where ignored, 0 for outside
     * @param confidence {@code [batch, tokens]} float32, each label's confidence (its factor in the sum), or null when
     *     all are certain; the normalizer stays, so unsure labels move the weights less
     * @param outsideWeight weight of the positions labelled outside; entity positions weigh 1
     */
    public static NDArray loss(NDArray logits, NDArray labels, NDArray confidence, double normalizer,
            double outsideWeight) {
        NDManager manager = logits.getManager();
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray valid = labels.gte(0).toType(DataType.FLOAT32, false);
        if (outsideWeight != 1.0) {
            NDArray outside = labels.eq(0).toType(DataType.FLOAT32, false);
            valid = valid.sub(outside.mul((float) (1.0 - outsideWeight)));
        }
        NDArray safeLabels = labels.maximum(0);
        NDArray picked = logProbabilities.gather(safeLabels.expandDims(-1), -1).squeeze(-1);
        if (confidence != null) {
            picked = picked.mul(confidence);
        }
        // autograd keeps the divisor for the backward pass, so it lives in the logits' manager instead of being a
        // Number overload's scalar, freed at once (see the package documentation)
        NDArray divisor = manager.create((float) Math.max(1e-9, normalizer));
        return picked.mul(valid).sum().neg().div(divisor);
    }

    /** Total weight of the labelled positions of one sequence: 1 per entity position, {@code outsideWeight} per outside one. */
    public static double weight(int[] labels, double outsideWeight) {
        double total = 0;
        for (int label : labels) {
            if (label == 0) {
                total += outsideWeight;
            } else if (label > 0) {
                total += 1;
            }
        }
        return total;
    }
}
