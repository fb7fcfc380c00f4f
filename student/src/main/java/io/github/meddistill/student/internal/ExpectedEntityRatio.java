package io.github.meddistill.student.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Expected entity ratio loss (Effland and Collins, TACL 2021), per entity type: a hinge on the distance between the
 * share of labelled positions the model gives each type and that type's share in gold data, with a margin of a
 * tenth of the share. Teacher labels that miss mentions pull those shares down; this term pulls them back up, so
 * words the teachers left outside can become entities. One instance per training run; immutable.
 */
public final class ExpectedEntityRatio {

    private static final double RELATIVE_MARGIN = 0.1;

    private final double weight;
    private final int tags;
    /** {@code [tag][type]} row-major: 1 where the tag belongs to the type. */
    private final float[] typeOfTag;
    private final float[] ratios;
    private final float[] margins;

    private ExpectedEntityRatio(double weight, float[][] typeOfTag, float[] ratios) {
        this.weight = weight;
        this.tags = typeOfTag.length;
        this.typeOfTag = new float[tags * ratios.length];
        for (int tag = 0; tag < tags; tag++) {
            System.arraycopy(typeOfTag[tag], 0, this.typeOfTag, tag * ratios.length, ratios.length);
        }
        this.ratios = ratios;
        this.margins = new float[ratios.length];
        for (int type = 0; type < ratios.length; type++) {
            margins[type] = (float) (RELATIVE_MARGIN * ratios[type]);
        }
    }

    /** The term that adds nothing. */
    public static ExpectedEntityRatio none() {
        return new ExpectedEntityRatio(0, new float[0][], new float[0]);
    }

    /**
     * The term with each type's share estimated from {@code goldLabels} (label ids per sequence, as the trainer
     * encodes them; {@link TokenClassificationCodec#IGNORED} positions do not count).
     *
     * @param tags the label names by id, {@code "O"} first, then {@code B-TYPE}, {@code I-TYPE} and the like
     * @param types the entity types, in the order the shares are reported
     */
    public static ExpectedEntityRatio fromGold(double weight, List<String> tags, List<String> types,
            List<int[]> goldLabels) {
        int[] typeIndex = TypeShares.typeOfTag(tags, types);
        float[][] typeOfTag = new float[tags.size()][types.size()];
        for (int tag = 0; tag < tags.size(); tag++) {
            if (typeIndex[tag] >= 0) {
                typeOfTag[tag][typeIndex[tag]] = 1;
            }
        }
        double[] shares = TypeShares.of(tags, types, goldLabels, "gold data for the expected entity ratio");
        float[] ratios = new float[types.size()];
        for (int type = 0; type < types.size(); type++) {
            ratios[type] = (float) shares[type];
        }
        return new ExpectedEntityRatio(weight, typeOfTag, ratios);
    }

    /** Whether the term adds anything to the loss. */
    public boolean active() {
        return weight > 0;
    }

    /** Each type's share of labelled positions in the gold data, in the order of the types given. */
    public float[] ratios() {
        return ratios.clone();
    }

    /**
     * The weighted hinge for one shard, scaled by {@code share} (the shard's fraction of the batch's labelled
     * positions, so that shards add up to the batch's term), as an array of {@code logits}' manager.
     *
     * @param logits {@code [batch, tokens, labels]}
     * @param labels {@code [batch, tokens]} int64, -1 where ignored
     */
    public NDArray penalty(NDArray logits, NDArray labels, double share) {
        NDManager manager = logits.getManager();
        // every constant is an array of the logits' manager: autograd keeps them until the backward pass
        NDArray indicator = manager.create(typeOfTag, new Shape(tags, ratios.length));
        NDArray valid = labels.gte(0).toType(DataType.FLOAT32, false);
        NDArray count = valid.sum().maximum(manager.create(1f));
        NDArray typeProbabilities = logits.softmax(-1).matMul(indicator);
        NDArray predicted = typeProbabilities.mul(valid.expandDims(-1)).sum(new int[] {0, 1}).div(count);
        NDArray target = manager.create(ratios);
        NDArray hinge = predicted.sub(target).abs().sub(manager.create(margins)).maximum(manager.create(0f));
        return hinge.sum().mul(manager.create((float) (weight * share)));
    }
}
