package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.github.meddistill.student.DeviceSelection;
import io.github.meddistill.student.StepOutcome;

/**
 * One optimizer step over a batch split across model replicas, one per device: each shard runs forward and
 * backward on its replica, the gradients are summed on the first replica, clipped to a global norm and applied
 * with AdamW (lazily for the word embeddings: only the rows of the batch's word pieces), and the updated weights
 * are copied back to the other replicas. Every temporary array belongs to a manager of this step that is closed
 * only after the backward pass and the update, which are the last uses of what autograd kept.
 * Not thread-safe; one instance per training run.
 */
public final class DataParallelStep {

    /** What a step did. */
    public record Result(double loss, double gradientNorm, StepOutcome outcome) {
    }

    private final Engine engine;
    private final List<BertModel> replicas;
    private final Predicate<String> trains;
    private final AdamW optimizer;
    private final double clipNorm;
    private final double outsideWeight;
    private final ExpectedEntityRatio entityRatio;
    private final PositiveUnlabelledRisk unlabelledRisk;

    /**
     * @param replicas one model per device, the first one updated by the optimizer, all with equal weights
     * @param trains which parameters (by name) require gradients and are updated
     * @param entityRatio a term added to the loss ({@link ExpectedEntityRatio#none()} for none)
     * @param unlabelledRisk the risk that replaces cross-entropy when active ({@link PositiveUnlabelledRisk#none()}
     *     for none)
     */
    public DataParallelStep(Engine engine, List<BertModel> replicas, Predicate<String> trains, AdamW optimizer,
            double clipNorm, double outsideWeight, ExpectedEntityRatio entityRatio,
            PositiveUnlabelledRisk unlabelledRisk) {
        this.engine = engine;
        this.replicas = List.copyOf(replicas);
        this.trains = trains;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.outsideWeight = outsideWeight;
        this.entityRatio = entityRatio;
        this.unlabelledRisk = unlabelledRisk;
    }

    /**
     * Runs one step on {@code ids} / {@code labels} / {@code confidences} (one entry per sequence; a null confidence
     * entry, or list, where every label is certain) with learning rate {@code lr}. A step whose loss or gradient
     * norm is not finite changes no weight and reports why.
     */
    public Result run(List<long[]> ids, List<int[]> labels, List<float[]> confidences, double lr) {
        BertModel primary = replicas.get(0);
        int[] shards = DeviceSelection.shardSizes(ids.size(), replicas.size());
        double batchWeight = 0;
        long batchPositions = 0;
        long batchOutside = 0;
        for (int[] sequence : labels) {
            batchWeight += MaskedCrossEntropy.weight(sequence, outsideWeight);
            batchPositions += labelledPositions(sequence);
            batchOutside += Arrays.stream(sequence).filter(label -> label == 0).count();
        }
        double loss = 0;
        try (NDManager stepManager = primary.manager().newSubManager()) {
            List<NDManager> shardManagers = new ArrayList<>();
            try {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    int from = 0;
                    for (int s = 0; s < shards.length; s++) {
                        NDManager manager = replicas.get(s).manager().newSubManager();
                        shardManagers.add(manager);
                        PaddedBatch padded = PaddedBatch.of(manager, ids.subList(from, from + shards[s]),
                                labels.subList(from, from + shards[s]),
                                confidences == null ? null : confidences.subList(from, from + shards[s]));
                        from += shards[s];
                        NDArray logits = replicas.get(s).logits(padded.inputIds(), padded.attentionMask(), true);
                        NDArray shardLoss = unlabelledRisk.active()
                                ? unlabelledRisk.loss(logits, padded.labels(), padded.confidence(), batchWeight,
                                        batchPositions - batchOutside, batchOutside, outsideWeight)
                                : MaskedCrossEntropy.loss(logits, padded.labels(), padded.confidence(), batchWeight,
                                        outsideWeight);
                        if (entityRatio.active()) {
                            long shardPositions = labels.subList(from - shards[s], from).stream()
                                    .mapToLong(DataParallelStep::labelledPositions).sum();
                            shardLoss = shardLoss.add(entityRatio.penalty(logits, padded.labels(),
                                    (double) shardPositions / Math.max(1, batchPositions)));
                        }
                        collector.backward(shardLoss);
                        loss += shardLoss.getFloat();
                    }
                }
                Map<String, NDArray> gradients = summedGradients(shards.length, stepManager);
                // the word-embedding gradient is zero outside the rows this batch used: work on those rows only
                NDArray wordRows = null;
                NDArray wordRowGradients = null;
                if (gradients.containsKey(BertModel.WORD_EMBEDDINGS)) {
                    wordRows = stepManager.create(usedRows(ids)).toDevice(primary.manager().getDevice(), false);
                    wordRowGradients = gradients.get(BertModel.WORD_EMBEDDINGS).get(new NDIndex("{}", wordRows));
                    wordRowGradients.attach(stepManager);
                    gradients.put(BertModel.WORD_EMBEDDINGS, wordRowGradients);
                }
                double norm = globalNorm(gradients.values());
                StepOutcome outcome = !Double.isFinite(loss) ? StepOutcome.SKIPPED_NON_FINITE_LOSS
                        : !Double.isFinite(norm) ? StepOutcome.SKIPPED_NON_FINITE_GRADIENT : StepOutcome.APPLIED;
                if (outcome == StepOutcome.APPLIED) {
                    apply(gradients, wordRows, norm, lr, stepManager);
                }
                zeroGradients(shards.length, stepManager);
                return new Result(loss, norm, outcome);
            } finally {
                shardManagers.forEach(NDManager::close);
            }
        }
    }

    /** The primary's gradients plus those of the other replicas that ran a shard, by name, in {@code stepManager}. */
    private Map<String, NDArray> summedGradients(int shards, NDManager stepManager) {
        BertModel primary = replicas.get(0);
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : primary.parameters().entrySet()) {
            if (!trains.test(entry.getKey())) {
                continue;
            }
            NDArray gradient = entry.getValue().getGradient();
            gradient.attach(stepManager);
            for (int r = 1; r < shards; r++) {
                NDArray other = replicas.get(r).parameters().get(entry.getKey()).getGradient();
                other.attach(stepManager);
                gradient.addi(onDevice(other, primary.manager().getDevice(), stepManager));
            }
            gradients.put(entry.getKey(), gradient);
        }
        return gradients;
    }

    private static double globalNorm(Iterable<NDArray> gradients) {
        NDArray squares = null;
        for (NDArray gradient : gradients) {
            NDArray sum = gradient.square().sum();
            squares = squares == null ? sum : squares.add(sum);
        }
        return squares == null ? 0 : Math.sqrt(squares.getFloat());
    }

    private void apply(Map<String, NDArray> gradients, NDArray wordRows, double norm, double lr,
            NDManager stepManager) {
        BertModel primary = replicas.get(0);
        double scale = norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
        optimizer.beginStep();
        for (Map.Entry<String, NDArray> entry : gradients.entrySet()) {
            NDArray parameter = primary.parameters().get(entry.getKey());
            NDArray gradient = scale == 1.0 ? entry.getValue() : entry.getValue().mul((float) scale);
            if (entry.getKey().equals(BertModel.WORD_EMBEDDINGS)) {
                optimizer.updateRows(entry.getKey(), parameter, wordRows, gradient, lr);
            } else {
                optimizer.update(entry.getKey(), parameter, gradient, lr);
            }
        }
        for (int r = 1; r < replicas.size(); r++) {
            for (String name : gradients.keySet()) {
                NDArray target = AdamW.untracked(replicas.get(r).parameters().get(name), stepManager);
                target.set(new NDIndex("..."), onDevice(primary.parameters().get(name), target.getDevice(),
                        stepManager));
            }
        }
    }

    /**
     * Zeroes the gradients of the replicas that ran a shard, for the next backward pass (PyTorch accumulates them). The zero is an
     * array of {@code stepManager}: {@code set(index, 0)} would leave a scalar in the parameters' manager per call.
     */
    private void zeroGradients(int shards, NDManager stepManager) {
        for (BertModel replica : replicas.subList(0, shards)) {
            NDArray zero = onDevice(stepManager.create(0f), replica.manager().getDevice(), stepManager);
            for (Map.Entry<String, NDArray> parameter : replica.parameters().entrySet()) {
                if (trains.test(parameter.getKey())) {
                    NDArray gradient = parameter.getValue().getGradient();
                    gradient.attach(stepManager);
                    gradient.set(new NDIndex("..."), zero);
                }
            }
        }
    }

    private static long labelledPositions(int[] labels) {
        return Arrays.stream(labels).filter(label -> label >= 0).count();
    }

    /** The distinct token ids of a batch, padding ({@code [PAD]} = 0) included, in ascending order. */
    private static long[] usedRows(List<long[]> ids) {
        LongStream all = ids.stream().flatMapToLong(Arrays::stream);
        return LongStream.concat(LongStream.of(0), all).distinct().sorted().toArray();
    }

    /** {@code array} on {@code device}; a copy, if one is made, belongs to {@code temporary}. */
    private static NDArray onDevice(NDArray array, Device device, NDManager temporary) {
        if (array.getDevice().equals(device)) {
            return array;
        }
        NDArray moved = array.toDevice(device, true);
        moved.attach(temporary);
        return moved;
    }
}
