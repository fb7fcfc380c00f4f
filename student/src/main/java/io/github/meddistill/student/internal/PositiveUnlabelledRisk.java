package io.github.meddistill.student.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Non-negative positive-unlabelled risk (Kiryo et al., NeurIPS 2017; for dictionary-labelled NER, Peng et al., ACL
 * 2019): words the teachers left outside are unlabelled, a mixture of true outside words and the entity words the
 * teachers missed, rather than outside. Entity words are learnt by cross-entropy; the outside risk is estimated
 * as the unlabelled words' loss minus {@code prior} times the entity words' loss, clamped at zero, with the bounded
 * loss {@code 1 - p(outside)} so that a missed mention the student already calls an entity is barely pushed back.
 * {@code prior} is the share of unlabelled words that are entities, estimated per type from the gold development
 * set (that type's share of words there, less its share in the teacher labels). One instance per training run;
 * immutable.
 */
public final class PositiveUnlabelledRisk {

    private final boolean active;
    private final double prior;

    private PositiveUnlabelledRisk(boolean active, double prior) {
        this.active = active;
        this.prior = prior;
    }

    /** The risk that treats outside as outside: plain cross-entropy. */
    public static PositiveUnlabelledRisk none() {
        return new PositiveUnlabelledRisk(false, 0);
    }

    /**
     * The risk with the prior estimated from label ids per sequence, as the trainer encodes them
     * ({@link TokenClassificationCodec#IGNORED} positions do not count): per type, its share of words in
     * {@code goldLabels} less its share in {@code teacherLabels}, summed over the types and divided by the share of
     * words the teachers left outside.
     *
     * @param tags the label names by id, {@code "O"} first, then {@code B-TYPE}, {@code I-TYPE} and the like
     * @param types the entity types
     * @throws IllegalArgumentException if either set of labels contains no word, or the teachers left none outside
     */
    public static PositiveUnlabelledRisk fromGold(List<String> tags, List<String> types, List<int[]> goldLabels,
            List<int[]> teacherLabels) {
        double[] gold = TypeShares.of(tags, types, goldLabels,
                "gold development data for the positive-unlabelled prior");
        double[] teacher = TypeShares.of(tags, types, teacherLabels,
                "training data for the positive-unlabelled prior");
        double missed = 0;
        double labelled = 0;
        for (int type = 0; type < types.size(); type++) {
            missed += Math.max(0, gold[type] - teacher[type]);
            labelled += teacher[type];
        }
        if (labelled >= 1) {
            throw new IllegalArgumentException("the training labels leave no word outside: nothing is unlabelled");
        }
        return new PositiveUnlabelledRisk(true, missed / (1 - labelled));
    }

    /**
     * Whether this risk replaces plain cross-entropy: false for {@link #none()} only (a prior of 0, where the
     * teachers label at least as many words as gold, still treats outside as unlabelled, with the bounded loss).
     */
    public boolean active() {
        return active;
    }

    /** The estimated share of unlabelled (outside-labelled) words that are entities. */
    public double prior() {
        return prior;
    }

    /**
     * One shard's risk, divided by {@code normalizer} as {@link MaskedCrossEntropy#loss} is. The clamp applies per
     * shard: one device runs one shard, several devices approximate the batch's clamp by their shards'.
     *
     * @param logits {@code [batch, tokens, labels]}
     * @param labels {@code [batch, tokens]} int64, -1 where ignored, 0 for outside (here: unlabelled)
     * @param confidence {@code [batch, tokens]} float32 confidences of the labels, or null when all are certain
     * @param batchEntityWords entity-labelled words of the whole batch
     * @param batchOutsideWords outside-labelled words of the whole batch
     * @param outsideWeight factor of the outside risk
     */
    public NDArray loss(NDArray logits, NDArray labels, NDArray confidence, double normalizer, long batchEntityWords,
            long batchOutsideWords, double outsideWeight) {
        NDManager manager = logits.getManager();
        // every constant is an array of the logits' manager: autograd keeps them until the backward pass
        NDArray entity = labels.gt(0).toType(DataType.FLOAT32, false);
        NDArray unlabelled = labels.eq(0).toType(DataType.FLOAT32, false);
        // outside weight 0: the entity words' cross-entropy alone, confidences and ignored positions as for training
        NDArray entityLoss = MaskedCrossEntropy.loss(logits, labels, confidence, normalizer, 0);
        NDArray outsideLoss = manager.create(1f).sub(logits.softmax(-1).get(new NDIndex(":, :, 0")));
        NDArray unlabelledRisk = outsideLoss.mul(unlabelled).sum();
        NDArray entityOutsideMean = outsideLoss.mul(entity).sum().div(entity.sum().maximum(manager.create(1f)));
        NDArray outsideRisk = unlabelledRisk
                .sub(entityOutsideMean.mul(unlabelled.sum()).mul(manager.create((float) prior)))
                .maximum(manager.create(0f));
        // the entities among the unlabelled words are learnt through the labelled ones: those weigh for both
        double entityFactor = batchEntityWords == 0 ? 1 : 1 + prior * batchOutsideWords / batchEntityWords;
        return entityLoss.mul(manager.create((float) entityFactor))
                .add(outsideRisk.mul(manager.create((float) outsideWeight))
                        .div(manager.create((float) Math.max(1e-9, normalizer))));
    }
}
