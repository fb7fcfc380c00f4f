package io.github.meddistill.examples.demo;

import io.github.meddistill.student.EncoderSource;
import java.util.Objects;

/**
 * How the students of one distillation are trained, the same for {@code meddistill demo} and {@code meddistill distill}.
 *
 * @param encoder the encoder both students start from: an offline pretrained one or a checkpoint folder
 * @param epochs training epochs of each student (the best dev epoch is kept)
 * @param minSteps fewest optimizer steps of each student: when {@code epochs} make fewer, it trains as many more epochs
 *     as it needs ({@code BertStudentTrainer.Builder.minSteps}; 0: no minimum)
 * @param batchSize sentences per training batch
 * @param learningRate peak learning rate
 * @param outsideWeight loss weight of words outside the teachers' entities, for the distilled student only (the
 *     gold-trained student, whose labels are complete, weighs every word 1)
 * @param propagateAbbreviations whether every system labels the uses of the abbreviations whose definitions it labels
 * @param selfTrainingRounds most self-training rounds after the first distilled student
 * @param reliabilityWeights whether each teacher mention weighs in the distilled student's loss by its teachers' dev
 *     precision ({@code Distillation.Builder.reliabilityWeights})
 * @param positiveUnlabelled whether the distilled student treats the words its teachers left outside as unlabelled
 *     ({@code BertStudentTrainer.Builder.positiveUnlabelled})
 * @param unknownMentions whether the teacher mentions the combination left out train as neither entity nor outside
 *     ({@code Distillation.Builder.unknownMentions})
 * @param seed the students' random seed
 */
public record DistillOptions(EncoderSource encoder, int epochs, int minSteps, int batchSize, double learningRate,
                             double outsideWeight, boolean propagateAbbreviations, int selfTrainingRounds,
                             boolean reliabilityWeights, boolean positiveUnlabelled, boolean unknownMentions,
                             long seed) {

    /** The seed of every run so far. */
    public static final long DEFAULT_SEED = 42;
    /**
     * At least 128 optimizer steps per student. The bundled corpora at one epoch in batches of 32 sentences:
     * NCBI-disease 178 steps and BC5CDR 144 (so unchanged by it), MACCROBAT's 70 case reports 48 (21.5 sentences a
     * report, 3% of the words DISEASE and 1.5% MEDICATION), after which its gold student predicted no DISEASE and no
     * MEDICATION on the 10 dev reports (strict F1 0.000 / 0.000, SYMPTOM 0.334; 2026-12-02, MiniLM, lr 1e-4). Three
     * epochs, the 144 steps this minimum gives, reached 0.411 / 0.505 / 0.515, four epochs 0.444 / 0.660 / 0.593.
     * In the main job's batches of 16 an epoch makes 356 / 287 / 95 steps, so MACCROBAT trains two epochs (190).
     */
    public static final int DEFAULT_MIN_STEPS = 128;

    public DistillOptions {
        Objects.requireNonNull(encoder, "encoder");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be at least 1: epochs=" + epochs
                    + ", batchSize=" + batchSize);
        }
        if (minSteps < 0) {
            throw new IllegalArgumentException("minSteps must not be negative: " + minSteps);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
        }
        if (!(outsideWeight > 0 && outsideWeight <= 1)) {
            throw new IllegalArgumentException("outsideWeight must be in (0, 1]: " + outsideWeight);
        }
        if (selfTrainingRounds < 0) {
            throw new IllegalArgumentException("selfTrainingRounds must not be negative: " + selfTrainingRounds);
        }
    }
}
