package io.github.meddistill.examples.demo;

import io.github.meddistill.student.EncoderSource;
import io.github.meddistill.student.PretrainedEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the main job runs on. {@link #defaults(Path)} fits 15 minutes on 2 CPU cores by reading every training note
 * once and subsampling the dev and test splits; {@link #full(Path)} uses every document and trains longer.
 *
 * @param outputDirectory where labels, students and reports go
 * @param tasks the corpora to run
 * @param trainDocuments training documents per task (their text only feeds the teachers; 0 = all)
 * @param devDocuments dev documents per task (0 = all)
 * @param testDocuments test documents per task (0 = all)
 * @param mtSamplesNotes bundled MTSamples notes added to the unlabelled notes of each clinical task
 *     ({@link DemoTask#clinical()}), spread over the file's specialties (see {@link BundledData#mtSamples(int)})
 * @param encoder the offline pretrained encoder of both students
 * @param epochs training epochs of each student (the best dev epoch is kept)
 * @param minSteps fewest optimizer steps of each student (more epochs where {@code epochs} make fewer; 0: none)
 * @param batchSize sentences per training batch
 * @param learningRate peak learning rate
 * @param outsideWeight loss weight of words outside the teachers' entities, for the distilled student only (the
 *     gold-trained student, whose labels are complete, weighs every word 1)
 * @param propagateAbbreviations whether every system (teachers, and both students) labels the uses of the
 *     abbreviations whose definitions it labels (see {@code AbbreviationPropagation})
 * @param selfTrainingRounds most self-training rounds after the first distilled student (see
 *     {@code Distillation.Builder.selfTrainingRounds})
 * @param reliabilityWeights whether the distilled student weighs each teacher mention by its teachers' dev precision
 *     ({@code Distillation.Builder.reliabilityWeights})
 * @param positiveUnlabelled whether the distilled student treats the words its teachers left outside as unlabelled
 *     ({@code BertStudentTrainer.Builder.positiveUnlabelled})
 * @param unknownMentions whether the teacher mentions the combination left out train as neither entity nor outside
 *     ({@code Distillation.Builder.unknownMentions})
 * @param goldStudent whether each task also trains a student on its gold training labels, the reference that shows
 *     what the teachers' labels cost
 * @param llm LLM teachers to add, when keys or a local server are given
 */
public record DemoSettings(Path outputDirectory, List<DemoTask> tasks, int trainDocuments, int devDocuments,
                           int testDocuments, int mtSamplesNotes, PretrainedEncoder encoder, int epochs, int minSteps,
                           int batchSize, double learningRate, double outsideWeight, boolean propagateAbbreviations,
                           int selfTrainingRounds, boolean reliabilityWeights, boolean positiveUnlabelled,
                           boolean unknownMentions, boolean goldStudent, Optional<LlmTeacherSettings> llm) {

    /**
     * Every training note (0 = all), read once ({@link #DEFAULT_EPOCHS}). Chosen on dev (2026-11-26, distilled
     * student F1 on 50 dev notes, NCBI-disease / BC5CDR): all notes x 1 epoch gave 0.678 / 0.674 against 0.635 /
     * 0.642 for 200 notes x 3 epochs, in about the same time (2-3 minutes per student, 10 minutes for the whole
     * run); bge-small on 200 notes x 2 epochs gave 0.675 / 0.670 at twice the time per note. Teacher labels of more
     * notes cost nothing with dictionary teachers, and a student learns more from new notes than from the same ones
     * again.
     */
    public static final int DEFAULT_TRAIN_DOCUMENTS = 0;
    /**
     * Dev notes choose the teacher combination, the decoding bias and the best epoch; a student scores them once
     * per epoch, so 100 instead of 50 costs about 20 seconds per run and makes those choices less noisy (the
     * standard error of a dev F1 shrinks by a factor of about 1.4).
     */
    public static final int DEFAULT_DEV_DOCUMENTS = 100;
    public static final int DEFAULT_TEST_DOCUMENTS = 100;
    /**
     * MACCROBAT's 70 training case reports are too few for a student: the one trained on their gold labels stays
     * below the dictionaries on disease. Dictionary labels of more clinical notes cost nothing but training time.
     * Chosen on dev (2026-12-07, the default run's settings otherwise, distilled-student dev F1 on MACCROBAT's 10 dev
     * reports): none 0.348 (2 epochs of 70 reports, 113 s of training), 200 notes 0.380 (1 epoch, 240 s), 500 notes
     * 0.373 (1 epoch, 571 s).
     */
    public static final int DEFAULT_MTSAMPLES_NOTES = 200;
    public static final int DEFAULT_EPOCHS = 1;
    /** {@link #full(Path)} has the time to go over the training notes again; the best dev epoch is kept. */
    public static final int FULL_EPOCHS = 3;
    /**
     * Batches of 16 sentences: about 20 optimizer steps per 32 training notes of PubMed-abstract length; one epoch of
     * batches of 32 left the distilled student under-trained. Chosen on dev (2026-12-03, the default run's labels,
     * distilled-student dev F1 on the main job's 100 dev notes, BC5CDR / NCBI-disease / MACCROBAT): batch 32 gave
     * 0.662 / 0.625 / 0.345 (mean 0.544), 16 gave 0.703 / 0.619 / 0.339 (0.554), for 11 and 14 minutes of the whole
     * run; on all 500 BC5CDR dev notes DISEASE / MEDICATION 0.526 / 0.767 with 32 and 0.544 / 0.806 with 16. Batch
     * 8 (0.706 on BC5CDR) took 2.2 times as long as 32; learning rates of 2e-4 and 3e-4 with batches of 32 raised
     * medication and lowered disease.
     */
    public static final int DEFAULT_BATCH_SIZE = 16;
    /**
     * Above the 5e-5 of a long fine-tune: a default run takes about 190-360 optimizer steps per student (batches of
     * 16: NCBI-disease 356, BC5CDR 287, MACCROBAT 190). 2e-4 with batches of 16 lowered both dev sets it was tried on
     * (2026-12-07, distilled student: BC5CDR 0.703 -> 0.699, NCBI-disease 0.619 -> 0.597).
     */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    /**
     * Dictionary teachers find about half the entities, so their "outside" is often wrong and weighs less. Chosen
     * on the dev sets of the default run (mean distilled-student dev F1 over both corpora, 2026-11-25): weight
     * 1.0 gave 0.535, 0.7 gave 0.536, 0.3 gave 0.550, 0.05 gave 0.498.
     */
    public static final double DEFAULT_OUTSIDE_WEIGHT = 0.3;
    public static final int DEFAULT_SELF_TRAINING_ROUNDS = 0;
    public static final boolean DEFAULT_RELIABILITY_WEIGHTS = false;
    /** Off: measured on the main job's dev sets in the README's table of methods for incomplete labels. */
    public static final boolean DEFAULT_POSITIVE_UNLABELLED = false;
    /**
     * On: chosen on the main job's dev sets (2026-12-07, distilled student, batches of 16; the mentions of HPO on
     * NCBI-disease, of the patterns' diseases on BC5CDR and of every teacher left out on MACCROBAT, 1,161 / 220 / 213
     * training mentions): NCBI-disease 0.619 -> 0.632, BC5CDR 0.740 -> 0.748, MACCROBAT 0.339 -> 0.348, at no cost.
     */
    public static final boolean DEFAULT_UNKNOWN_MENTIONS = true;
    /**
     * Off in the default run, on in {@link #full(Path)}: the gold-trained students took 9.1 of the default run's 18.2
     * training minutes (2026-12-07), and they are a reference, not part of what the method delivers.
     */
    public static final boolean DEFAULT_GOLD_STUDENT = false;

    public DemoSettings {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(llm, "llm");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("at least one task is needed");
        }
        if (trainDocuments < 0 || devDocuments < 0 || testDocuments < 0) {
            throw new IllegalArgumentException("document counts must be 0 (all) or positive: train=" + trainDocuments
                    + ", dev=" + devDocuments + ", test=" + testDocuments);
        }
        if (mtSamplesNotes < 0) {
            throw new IllegalArgumentException("MTSamples notes must be 0 (none) or positive, found " + mtSamplesNotes);
        }
        // validates them (a compact constructor sees its parameters; the fields are assigned after it)
        new DistillOptions(EncoderSource.pretrained(encoder), epochs, minSteps, batchSize, learningRate, outsideWeight,
                propagateAbbreviations, selfTrainingRounds, reliabilityWeights, positiveUnlabelled, unknownMentions,
                DistillOptions.DEFAULT_SEED);
    }

    /** How each task's students are trained. */
    public DistillOptions options() {
        return new DistillOptions(EncoderSource.pretrained(encoder), epochs, minSteps, batchSize, learningRate,
                outsideWeight, propagateAbbreviations, selfTrainingRounds, reliabilityWeights, positiveUnlabelled,
                unknownMentions, DistillOptions.DEFAULT_SEED);
    }

    /** The 15-minute default: every task, dev and test subsampled, no gold-trained reference. */
    public static DemoSettings defaults(Path outputDirectory) {
        return new DemoSettings(outputDirectory, DemoTask.all(), DEFAULT_TRAIN_DOCUMENTS, DEFAULT_DEV_DOCUMENTS,
                DEFAULT_TEST_DOCUMENTS, DEFAULT_MTSAMPLES_NOTES, PretrainedEncoder.MINILM, DEFAULT_EPOCHS,
                DistillOptions.DEFAULT_MIN_STEPS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_OUTSIDE_WEIGHT,
                true, DEFAULT_SELF_TRAINING_ROUNDS, DEFAULT_RELIABILITY_WEIGHTS, DEFAULT_POSITIVE_UNLABELLED,
                DEFAULT_UNKNOWN_MENTIONS, DEFAULT_GOLD_STUDENT, Optional.empty());
    }

    /** Every document of every split, and the gold-trained reference students. */
    public static DemoSettings full(Path outputDirectory) {
        return new DemoSettings(outputDirectory, DemoTask.all(), 0, 0, 0, DEFAULT_MTSAMPLES_NOTES,
                PretrainedEncoder.MINILM, FULL_EPOCHS, DistillOptions.DEFAULT_MIN_STEPS, DEFAULT_BATCH_SIZE,
                DEFAULT_LEARNING_RATE, DEFAULT_OUTSIDE_WEIGHT, true, DEFAULT_SELF_TRAINING_ROUNDS,
                DEFAULT_RELIABILITY_WEIGHTS, DEFAULT_POSITIVE_UNLABELLED, DEFAULT_UNKNOWN_MENTIONS, true,
                Optional.empty());
    }

    /** Whether any split is subsampled. */
    public boolean subsampled() {
        return trainDocuments > 0 || devDocuments > 0 || testDocuments > 0;
    }
}
