package io.github.meddistill.student;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.internal.AdamW;
import io.github.meddistill.student.internal.BatchScorer;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.DataParallelStep;
import io.github.meddistill.student.internal.EncodedDocument;
import io.github.meddistill.student.internal.EntityBiasCalibration;
import io.github.meddistill.student.internal.ExpectedEntityRatio;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.LinearWarmupSchedule;
import io.github.meddistill.student.internal.PositiveUnlabelledRisk;
import io.github.meddistill.student.internal.SubwordTokenizer;
import io.github.meddistill.student.internal.TokenClassificationCodec;
import io.github.meddistill.student.internal.Windows;

/**
 * Trains a {@link BertStudent} by fine-tuning an encoder for token classification: masked token cross-entropy,
 * AdamW with linear warmup then linear decay (lazy for the word embeddings: only the rows of the batch's word
 * pieces are updated, as with TensorFlow's LazyAdam), gradient-norm clipping, a guard that skips, counts and logs
 * steps whose loss or gradient norm is NaN or infinite (or fails at once: {@link Builder#strictNumerics}), dropout,
 * length-bucketed batches padded per batch, and early stopping on the development set's strict span F1 keeping the
 * best epoch's weights (with, by default, a decoding bias per entity type chosen on the same set). It
 * {@linkplain #weighsMentions() weighs mentions}: given {@link MentionConfidences}, each word of a mention of
 * confidence {@code c} counts {@code c} times in the loss. Two runs with the same seed, data and settings on one
 * CPU give the same weights bit for bit.
 *
 * <pre>{@code
 * BertStudentTrainer trainer = BertStudentTrainer.builder().epochs(4).build();   // MiniLM, BIO, CPU or GPU
 * try (BertStudent student = trainer.train(trainingAnnotations, devAnnotations)) {
 *     student.save(Path.of("model"));
 * }
 * }</pre>
 *
 * <p>Immutable; {@link #train} may be called from several threads, each run using its own model, but runs then
 * share the CPU or GPU and, since the engine's random generator is global, are no longer reproducible.
 * Several devices split each batch: shards run one after the other on their replicas, gradients are summed on the
 * first device and the updated weights copied back.
 */
public final class BertStudentTrainer implements StudentTrainer, StudentLoader {

    private static final Logger LOG = LoggerFactory.getLogger(BertStudentTrainer.class);

    private final EncoderSource encoder;
    private final LabelScheme scheme;
    private final List<EntityType> entityTypes;
    private final int maxLength;
    private final int stride;
    private final Segmentation segmentation;
    private final boolean propagateAbbreviations;
    private final boolean calibrateEntityBias;
    private final double learningRate;
    private final double warmupFraction;
    private final double weightDecay;
    private final double clipNorm;
    private final boolean trainWordEmbeddings;
    private final double outsideWeight;
    private final double entityRatioWeight;
    private final boolean positiveUnlabelled;
    private final double unlabelledShare;
    private final int epochs;
    private final int minSteps;
    private final int patience;
    private final int batchSize;
    private final long seed;
    private final List<Device> devices;
    private final boolean strictNumerics;
    private final TrainingListener listener;

    private BertStudentTrainer(Builder builder, List<Device> devices) {
        this.encoder = builder.encoder;
        this.scheme = builder.scheme;
        this.entityTypes = builder.entityTypes;
        this.maxLength = builder.maxLength;
        this.stride = builder.stride;
        this.segmentation = builder.segmentation;
        this.propagateAbbreviations = builder.propagateAbbreviations;
        this.calibrateEntityBias = builder.calibrateEntityBias;
        this.learningRate = builder.learningRate;
        this.warmupFraction = builder.warmupFraction;
        this.weightDecay = builder.weightDecay;
        this.clipNorm = builder.clipNorm;
        this.trainWordEmbeddings = builder.trainWordEmbeddings;
        this.outsideWeight = builder.outsideWeight;
        this.entityRatioWeight = builder.entityRatioWeight;
        this.positiveUnlabelled = builder.positiveUnlabelled;
        this.unlabelledShare = builder.unlabelledShare;
        this.epochs = builder.epochs;
        this.minSteps = builder.minSteps;
        this.patience = builder.patience;
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.devices = devices;
        this.strictNumerics = builder.strictNumerics;
        this.listener = builder.listener;
    }

    /** {@code base} training a student for {@code entityTypes}; every other setting is {@code base}'s. */
    private BertStudentTrainer(BertStudentTrainer base, Collection<EntityType> entityTypes) {
        this.encoder = base.encoder;
        this.scheme = base.scheme;
        this.entityTypes = List.copyOf(new TreeSet<>(entityTypes));
        this.maxLength = base.maxLength;
        this.stride = base.stride;
        this.segmentation = base.segmentation;
        this.propagateAbbreviations = base.propagateAbbreviations;
        this.calibrateEntityBias = base.calibrateEntityBias;
        this.learningRate = base.learningRate;
        this.warmupFraction = base.warmupFraction;
        this.weightDecay = base.weightDecay;
        this.clipNorm = base.clipNorm;
        this.trainWordEmbeddings = base.trainWordEmbeddings;
        this.outsideWeight = base.outsideWeight;
        this.entityRatioWeight = base.entityRatioWeight;
        this.positiveUnlabelled = base.positiveUnlabelled;
        this.unlabelledShare = base.unlabelledShare;
        this.epochs = base.epochs;
        this.minSteps = base.minSteps;
        this.patience = base.patience;
        this.batchSize = base.batchSize;
        this.seed = base.seed;
        this.devices = base.devices;
        this.strictNumerics = base.strictNumerics;
        this.listener = base.listener;
    }

    /** A builder with the defaults listed on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This trainer for {@code types} when it was built without {@linkplain Builder#entityTypes entity types} (it would
     * otherwise take the types of its training data); a trainer that was given its types returns itself.
     */
    @Override
    public BertStudentTrainer forEntityTypes(Set<EntityType> types) {
        return entityTypes.isEmpty() && !types.isEmpty() ? new BertStudentTrainer(this, types) : this;
    }

    /** Loads a student this trainer (or any {@link BertStudent#save}) saved, so a distillation can resume. */
    @Override
    public BertStudent load(Path directory) {
        return BertStudent.load(directory);
    }

    /**
     * Every setting that changes the trained student; the devices, strictness and the listener do not. Settings
     * added after 0.1 appear only when they differ from their default, so saved students still resume.
     */
    @Override
    public String configuration() {
        String added = (entityRatioWeight == 0 ? "" : "\nentityRatioWeight=" + entityRatioWeight)
                + (minSteps == 0 ? "" : "\nminSteps=" + minSteps)
                + (unlabelledShare == 1 ? "" : "\nunlabelledShare=" + unlabelledShare)
                + (positiveUnlabelled ? "\npositiveUnlabelled=true" : "");
        return String.join("\n", "encoder=" + encoder, "scheme=" + scheme.name(), "entityTypes=" + entityTypes,
                "maxLength=" + maxLength, "stride=" + stride, "segmentation=" + segmentation,
                "propagateAbbreviations=" + propagateAbbreviations, "calibrateEntityBias=" + calibrateEntityBias,
                "learningRate=" + learningRate, "warmupFraction=" + warmupFraction, "weightDecay=" + weightDecay,
                "clipNorm=" + clipNorm, "trainWordEmbeddings=" + trainWordEmbeddings, "outsideWeight=" + outsideWeight,
                "epochs=" + epochs, "patience=" + patience, "batchSize=" + batchSize, "seed=" + seed) + added;
    }

    @Override
    public BertStudent train(List<Annotation> training, List<Annotation> development) {
        return train(training, development, MentionConfidences.NONE);
    }

    @Override
    public boolean weighsMentions() {
        return true;
    }

    @Override
    public BertStudent train(List<Annotation> training, List<Annotation> development,
            MentionConfidences confidences) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(development, "development");
        Objects.requireNonNull(confidences, "confidences");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training annotations must not be empty");
        }
        List<EntityType> types = entityTypes.isEmpty() ? typesOf(training) : entityTypes;
        List<String> tags = scheme.tags(types);
        InitialEncoder initial = InitialEncoder.load(encoder);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        try (SubwordTokenizer tokenizer = SubwordTokenizer.fromJson(initial.tokenizerJson(), initial.name())) {
            TokenClassificationCodec codec = new TokenClassificationCodec(tokenizer, new WordTokenizer(), scheme, tags,
                    maxLength, stride, segmentation, propagateAbbreviations);
            List<Sequence> sequences = sequences(codec, training, Set.copyOf(types), confidences);
            List<EncodedDocument> devDocuments = development.stream().map(a -> codec.encode(a.document().text()))
                    .toList();
            List<List<Entity>> devGold = development.stream()
                    .map(a -> a.entities().stream().filter(e -> types.contains(e.type())).toList()).toList();
            ExpectedEntityRatio entityRatio = entityRatio(codec, types, development);
            PositiveUnlabelledRisk unlabelledRisk = unlabelledRisk(codec, types, development, sequences);
            Checkpoint best = run(engine, initial, codec, types, sequences, devDocuments, devGold, entityRatio,
                    unlabelledRisk);
            NDManager manager = engine.newBaseManager(devices.get(0));
            BertModel model = BertModel.random(initial.config(), tags.size(), manager);
            model.assign(best.weights(), true, "best checkpoint");
            SubwordTokenizer own = SubwordTokenizer.fromJson(initial.tokenizerJson(), initial.name());
            return new BertStudent(model, own, new TokenClassificationCodec(own, new WordTokenizer(), scheme, tags,
                    maxLength, stride, segmentation, propagateAbbreviations).withEntityBias(best.entityBias()),
                    Set.copyOf(types), batchSize, initial.name());
        }
    }

    /** The expected entity ratio term, with each type's share of words taken from the gold development set. */
    private ExpectedEntityRatio entityRatio(TokenClassificationCodec codec, List<EntityType> types,
            List<Annotation> development) {
        if (entityRatioWeight == 0) {
            return ExpectedEntityRatio.none();
        }
        List<int[]> goldLabels = goldLabels(codec, types, development, "entityRatioWeight needs gold development"
                + " documents: each type's share of words is estimated from them");
        ExpectedEntityRatio ratio = ExpectedEntityRatio.fromGold(entityRatioWeight, codec.tags(),
                types.stream().map(EntityType::name).toList(), goldLabels);
        LOG.info("expected entity ratio (share of words per type in the development gold): {} = {}", types,
                Arrays.toString(ratio.ratios()));
        return ratio;
    }

    /** The positive-unlabelled risk, with its prior from the gold development set and the training labels. */
    private PositiveUnlabelledRisk unlabelledRisk(TokenClassificationCodec codec, List<EntityType> types,
            List<Annotation> development, List<Sequence> training) {
        if (!positiveUnlabelled) {
            return PositiveUnlabelledRisk.none();
        }
        List<int[]> goldLabels = goldLabels(codec, types, development, "positiveUnlabelled needs gold development"
                + " documents: the share of entity words the teachers miss is estimated from them");
        PositiveUnlabelledRisk risk = PositiveUnlabelledRisk.fromGold(codec.tags(),
                types.stream().map(EntityType::name).toList(), goldLabels,
                training.stream().map(Sequence::labels).toList());
        LOG.info("positive-unlabelled prior (share of outside-labelled words that are entities): {}", risk.prior());
        return risk;
    }

    /** The development set's label ids per sequence, as training encodes them; {@code missing} when it is empty. */
    private List<int[]> goldLabels(TokenClassificationCodec codec, List<EntityType> types, List<Annotation> development,
            String missing) {
        if (development.isEmpty()) {
            throw new IllegalArgumentException(missing);
        }
        return sequences(codec, development, Set.copyOf(types), MentionConfidences.NONE).stream()
                .map(Sequence::labels).toList();
    }

    private Checkpoint run(Engine engine, InitialEncoder initial, TokenClassificationCodec codec, List<EntityType> types,
            List<Sequence> sequences, List<EncodedDocument> devDocuments, List<List<Entity>> devGold,
            ExpectedEntityRatio entityRatio, PositiveUnlabelledRisk unlabelledRisk) {
        List<BertModel> replicas = new ArrayList<>();
        try {
            for (Device device : devices) {
                BertModel replica = BertModel.random(initial.config(), codec.tags().size(),
                        engine.newBaseManager(device));
                replicas.add(replica);
                if (replicas.size() == 1) {
                    if (!initial.weights().isEmpty()) {
                        List<String> fresh = replica.assign(initial.weights(), false, initial.name());
                        LOG.info("encoder {} loaded; freshly initialised: {}", initial.name(), fresh);
                    }
                } else {
                    replica.assign(BertStudent.hfTensors(replicas.get(0)), true, "replica 0");
                }
                replica.parameters().forEach((name, p) -> p.setRequiresGradient(trains(name)));
            }
            return loop(engine, replicas, codec, types, sequences, devDocuments, devGold, entityRatio, unlabelledRisk);
        } finally {
            replicas.forEach(BertModel::close);
        }
    }

    private Checkpoint loop(Engine engine, List<BertModel> replicas, TokenClassificationCodec codec, List<EntityType> types,
            List<Sequence> sequences, List<EncodedDocument> devDocuments, List<List<Entity>> devGold,
            ExpectedEntityRatio entityRatio, PositiveUnlabelledRisk unlabelledRisk) {
        long runStarted = System.nanoTime();
        BertModel primary = replicas.get(0);
        Map<String, FloatTensor> initialWeights = BertStudent.hfTensors(primary);
        Random random = new Random(seed);
        EpochSample sample = EpochSample.of(sequences, unlabelledShare);
        int stepsPerEpoch = (sample.size() + batchSize - 1) / batchSize;
        int epochs = epochs(stepsPerEpoch);
        int totalSteps = stepsPerEpoch * epochs;
        LinearWarmupSchedule schedule = LinearWarmupSchedule.of(learningRate, warmupFraction, totalSteps);
        DataParallelStep optimizerStep = new DataParallelStep(engine, replicas, this::trains,
                new AdamW(0.9, 0.999, 1e-8, weightDecay), clipNorm, outsideWeight, entityRatio, unlabelledRisk);
        Checkpoint best = null;
        double bestF1 = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epochsSinceBest = 0;
        int step = 0;
        int epochsRun = 0;
        int[] skippedTotal = new int[StepOutcome.values().length];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            epochsRun = epoch;
            long started = System.nanoTime();
            long sequencesDone = 0;
            long tokensDone = 0;
            double lossSum = 0;
            int[] outcomes = new int[StepOutcome.values().length];
            for (List<Sequence> batch : batches(sample.draw(random), random)) {
                step++;
                double lr = schedule.rate(step);
                DataParallelStep.Result result = optimizerStep.run(batch.stream().map(Sequence::ids).toList(),
                        batch.stream().map(Sequence::labels).toList(),
                        batch.stream().map(Sequence::confidence).toList(), lr);
                outcomes[result.outcome().ordinal()]++;
                if (result.outcome() == StepOutcome.APPLIED) {
                    lossSum += result.loss();
                } else {
                    reportSkipped(step, result);
                }
                sequencesDone += batch.size();
                for (Sequence sequence : batch) {
                    tokensDone += sequence.ids().length;
                }
                double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                listener.onStep(new TrainingListener.Step(epoch, step, totalSteps, result.loss(),
                        result.gradientNorm(), lr, sequencesDone / seconds, tokensDone / seconds, result.outcome()));
            }
            OptionalDouble devF1 = OptionalDouble.empty();
            Map<EntityType, Double> bias = Map.of();
            boolean isBest;
            if (devDocuments.isEmpty()) {
                isBest = true;
            } else {
                List<List<float[][]>> scores = BatchScorer.scores(primary, codec, devDocuments, batchSize);
                EntityBiasCalibration.Result calibrated = EntityBiasCalibration.calibrate(codec,
                        calibrateEntityBias ? types : List.of(), devDocuments, scores, devGold);
                double f1 = calibrated.f1();
                bias = calibrated.bias();
                devF1 = OptionalDouble.of(f1);
                isBest = f1 > bestF1;
                if (isBest) {
                    bestF1 = f1;
                }
            }
            if (isBest) {
                best = new Checkpoint(BertStudent.hfTensors(primary), bias);
                bestEpoch = epoch;
                epochsSinceBest = 0;
            } else {
                epochsSinceBest++;
            }
            for (int i = 0; i < outcomes.length; i++) {
                skippedTotal[i] += outcomes[i];
            }
            int applied = outcomes[StepOutcome.APPLIED.ordinal()];
            int lossSkips = outcomes[StepOutcome.SKIPPED_NON_FINITE_LOSS.ordinal()];
            int gradientSkips = outcomes[StepOutcome.SKIPPED_NON_FINITE_GRADIENT.ordinal()];
            double seconds = (System.nanoTime() - started) / 1e9;
            double meanLoss = applied == 0 ? Double.NaN : lossSum / applied;
            LOG.info("epoch {}/{}: loss {}, dev F1 {} (entity bias {}), {} s, skipped steps: {} non-finite loss, {}"
                    + " non-finite gradient", epoch, epochs, meanLoss, devF1.isPresent() ? devF1.getAsDouble() : "n/a",
                    bias, seconds, lossSkips, gradientSkips);
            listener.onEpoch(new TrainingListener.Epoch(epoch, meanLoss, devF1, isBest, seconds, lossSkips,
                    gradientSkips));
            if (!devDocuments.isEmpty() && epochsSinceBest >= patience) {
                LOG.info("early stopping after epoch {}: no dev improvement for {} epochs", epoch, patience);
                break;
            }
        }
        double change = WeightDifference.between(initialWeights, best.weights(), "initial and kept weights")
                .maxAbsolute();
        if (change == 0) {
            LOG.warn("training changed no weight: the kept weights equal the initial ones after {} steps", step);
        }
        listener.onFinish(new TrainingSummary(epochsRun, step, skippedTotal[StepOutcome.APPLIED.ordinal()],
                skippedTotal[StepOutcome.SKIPPED_NON_FINITE_LOSS.ordinal()],
                skippedTotal[StepOutcome.SKIPPED_NON_FINITE_GRADIENT.ordinal()], bestEpoch,
                devDocuments.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(bestF1), change,
                (System.nanoTime() - runStarted) / 1e9));
        return best;
    }

    /**
     * The epochs of a run of {@code stepsPerEpoch} steps per epoch: the configured epochs, or more when they make fewer
     * than {@link Builder#minSteps} optimizer steps.
     */
    int epochs(int stepsPerEpoch) {
        int needed = (int) Math.min(Integer.MAX_VALUE, (minSteps + (long) stepsPerEpoch - 1) / stepsPerEpoch);
        if (needed <= epochs) {
            return epochs;
        }
        LOG.info("epochs={} make {} optimizer steps ({} per epoch), fewer than minSteps={}: training {} epochs",
                epochs, (long) epochs * stepsPerEpoch, stepsPerEpoch, minSteps, needed);
        return needed;
    }

    /** Logs a skipped step, or fails at once in strict mode. */
    private void reportSkipped(int step, DataParallelStep.Result result) {
        String what = result.outcome() == StepOutcome.SKIPPED_NON_FINITE_LOSS ? "non-finite loss"
                : "non-finite gradient norm with a finite loss (a defect: the backward pass read memory it should"
                        + " not have)";
        String message = "step " + step + " skipped: " + what + ": loss=" + result.loss() + ", gradient norm="
                + result.gradientNorm();
        if (strictNumerics) {
            throw new NonRetriableException(message + "; failing because strictNumerics is on");
        }
        LOG.warn(message);
    }

    private List<List<Sequence>> batches(List<Sequence> sequences, Random random) {
        List<Sequence> shuffled = new ArrayList<>(sequences);
        Collections.shuffle(shuffled, random);
        int pool = batchSize * 50;
        List<List<Sequence>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += pool) {
            List<Sequence> chunk = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + pool)));
            chunk.sort((a, b) -> Integer.compare(a.ids().length, b.ids().length));
            for (int i = 0; i < chunk.size(); i += batchSize) {
                batches.add(List.copyOf(chunk.subList(i, Math.min(chunk.size(), i + batchSize))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Whether a parameter is updated; the word embeddings may be frozen. */
    private boolean trains(String parameter) {
        return trainWordEmbeddings || !parameter.equals(BertModel.WORD_EMBEDDINGS);
    }

    private List<Sequence> sequences(TokenClassificationCodec codec, List<Annotation> training, Set<EntityType> types,
            MentionConfidences confidences) {
        List<Sequence> sequences = new ArrayList<>();
        for (Annotation annotation : training) {
            EncodedDocument document = codec.encode(annotation.document().text());
            List<Entity> entities = annotation.entities().stream().filter(e -> types.contains(e.type())).toList();
            List<String> wordTags = codec.wordTags(document, entities);
            float[] wordConfidences = wordConfidences(document, entities, annotation.documentId(), confidences);
            for (Windows.Window window : document.windows()) {
                sequences.add(new Sequence(codec.inputIds(document, window), codec.labels(document, window, wordTags),
                        wordConfidences == null ? null : codec.wordValues(document, window, wordConfidences)));
            }
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("training documents contain no words");
        }
        return sequences;
    }

    private static List<EntityType> typesOf(List<Annotation> training) {
        Set<EntityType> types = new TreeSet<>();
        training.forEach(a -> a.entities().forEach(e -> types.add(e.type())));
        if (types.isEmpty()) {
            throw new IllegalArgumentException("training annotations contain no entity, so the entity types cannot be"
                    + " inferred: set them with entityTypes(...)");
        }
        return List.copyOf(types);
    }

    /** Each word's label confidence: that of the mention covering it, 1 outside; null when all are certain. */
    private static float[] wordConfidences(EncodedDocument document, List<Entity> entities, String documentId,
            MentionConfidences confidences) {
        float[] byWord = null;
        for (Entity entity : entities) {
            double confidence = confidences.of(documentId, entity);
            if (confidence == 1.0) {
                continue;
            }
            if (byWord == null) {
                byWord = new float[document.words().size()];
                Arrays.fill(byWord, 1f);
            }
            for (int word = 0; word < byWord.length; word++) {
                Token token = document.words().get(word);
                if (token.start() < entity.end() && entity.start() < token.end()) {
                    byWord[word] = (float) confidence;
                }
            }
        }
        return byWord;
    }

    /** @param confidence per position, aligned with {@code labels}; null when every label is certain */
    private record Sequence(long[] ids, int[] labels, float[] confidence) {

        /** Whether a teacher labelled any of its words (the outside tag is index 0, ignored positions are negative). */
        boolean labelled() {
            return Arrays.stream(labels).anyMatch(label -> label > 0);
        }
    }

    /**
     * The sequences of one epoch: every sequence with a labelled word, and a fresh random {@code share} of those
     * without one (at least one when there are any), so each epoch sees different unlabelled sentences. The training
     * order is kept, so that a share of 1 trains exactly as a trainer without this setting.
     */
    private record EpochSample(List<Sequence> sequences, List<Integer> unlabelled, int unlabelledPerEpoch) {

        static EpochSample of(List<Sequence> sequences, double share) {
            List<Integer> unlabelled = new ArrayList<>();
            for (int i = 0; i < sequences.size(); i++) {
                if (!sequences.get(i).labelled()) {
                    unlabelled.add(i);
                }
            }
            int perEpoch = share == 1 || unlabelled.isEmpty() ? unlabelled.size()
                    : Math.max(1, (int) Math.round(share * unlabelled.size()));
            if (perEpoch < unlabelled.size()) {
                LOG.info("each epoch trains on the {} sequences with a labelled word and {} of the {} without one"
                        + " (unlabelledShare={})", sequences.size() - unlabelled.size(), perEpoch, unlabelled.size(),
                        share);
            }
            return new EpochSample(sequences, unlabelled, perEpoch);
        }

        int size() {
            return sequences.size() - unlabelled.size() + unlabelledPerEpoch;
        }

        List<Sequence> draw(Random random) {
            if (unlabelledPerEpoch == unlabelled.size()) {
                return sequences;
            }
            List<Integer> shuffled = new ArrayList<>(unlabelled);
            Collections.shuffle(shuffled, random);
            Set<Integer> left = new HashSet<>(shuffled.subList(unlabelledPerEpoch, shuffled.size()));
            List<Sequence> drawn = new ArrayList<>(size());
            for (int i = 0; i < sequences.size(); i++) {
                if (!left.contains(i)) {
                    drawn.add(sequences.get(i));
                }
            }
            return drawn;
        }
    }

    /** The kept weights and the decoding bias chosen with them. */
    private record Checkpoint(Map<String, FloatTensor> weights, Map<EntityType, Double> entityBias) {
    }

    /** Settings of a {@link BertStudentTrainer}; {@link #build()} validates them and names the bad one. */
    public static final class Builder {
        private EncoderSource encoder = EncoderSource.pretrained(PretrainedEncoder.MINILM);
        private LabelScheme scheme = LabelSchemes.BIO;
        private List<EntityType> entityTypes = List.of();
        private int maxLength = 128;
        private int stride = 32;
        private Segmentation segmentation = Segmentation.SENTENCE;
        private boolean propagateAbbreviations;
        private boolean calibrateEntityBias = true;
        private double learningRate = 5e-5;
        private double warmupFraction = 0.1;
        private double weightDecay = 0.01;
        private double clipNorm = 1.0;
        private boolean trainWordEmbeddings = true;
        private double outsideWeight = 1.0;
        private double entityRatioWeight;
        private boolean positiveUnlabelled;
        private double unlabelledShare = 1.0;
        private int epochs = 4;
        private int minSteps;
        private int patience = 2;
        private int batchSize = 32;
        private long seed = 42;
        private List<Device> devices;
        private String deviceSpec = System.getProperty("meddistill.devices", "auto");
        private boolean strictNumerics = Boolean.getBoolean("meddistill.strictNumerics");
        private TrainingListener listener = new TrainingListener() {
        };

        private Builder() {
        }

        /** Encoder to start from; default {@link PretrainedEncoder#MINILM}. */
        public Builder encoder(EncoderSource encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Shortcut for {@code encoder(EncoderSource.pretrained(encoder))}. */
        public Builder encoder(PretrainedEncoder encoder) {
            return encoder(EncoderSource.pretrained(encoder));
        }

        /** Tag scheme; default BIO. */
        public Builder labelScheme(LabelScheme scheme) {
            this.scheme = scheme;
            return this;
        }

        /** Entity types to learn; default every type found in the training annotations. */
        public Builder entityTypes(Collection<EntityType> types) {
            this.entityTypes = List.copyOf(new TreeSet<>(types));
            return this;
        }

        /** Word pieces per window including [CLS] and [SEP]; default 128, at most the encoder's positions. */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Word pieces shared by consecutive windows of a long note; default 32. */
        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Whether windows stay within sentences; default {@link Segmentation#SENTENCE}. */
        public Builder segmentation(Segmentation segmentation) {
            this.segmentation = segmentation;
            return this;
        }

        /**
         * Whether the student, when it labels the long form of an abbreviation defined in a note ({@code "familial
         * adenomatous polyposis (FAP)"}), also labels the note's other uses of the short form; default
         * {@code false}. Applies to dev scoring during training and is saved with the student. See
         * {@link io.github.meddistill.core.text.AbbreviationPropagation}.
         */
        public Builder propagateAbbreviations(boolean propagate) {
            this.propagateAbbreviations = propagate;
            return this;
        }

        /**
         * Whether each dev evaluation also chooses, per entity type, a decoding bias (a decision threshold: see
         * {@link BertStudent#entityBias()}) that maximises that type's dev span F1; the kept checkpoint's bias is
         * saved with the student. Default {@code true}; no effect without dev documents.
         */
        public Builder calibrateEntityBias(boolean calibrate) {
            this.calibrateEntityBias = calibrate;
            return this;
        }

        /** Peak learning rate; default 5e-5 (use about 5e-4 for a random encoder). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Fraction of the steps with linear warmup; default 0.1. */
        public Builder warmupFraction(double warmupFraction) {
            this.warmupFraction = warmupFraction;
            return this;
        }

        /** Decoupled weight decay (not on biases and LayerNorm); default 0.01. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Global gradient-norm clip; default 1.0. */
        public Builder clipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /**
         * Whether the word-embedding matrix is fine-tuned; default true. Its optimizer step touches only the rows
         * of the batch's word pieces either way; freezing it (about half of a small encoder's parameters: 30522 x
         * 384 for MiniLM) also skips its gradient.
         */
        public Builder trainWordEmbeddings(boolean trainWordEmbeddings) {
            this.trainWordEmbeddings = trainWordEmbeddings;
            return this;
        }

        /**
         * Loss weight of words labelled outside any entity, relative to 1 for entity words; default 1. Teacher
         * labels miss entities (a dictionary knows only its terms), so their "outside" is partly wrong: a weight
         * below 1 lets the student keep what it generalises from context instead of unlearning it. Keep 1 for
         * complete (gold) labels.
         */
        public Builder outsideWeight(double outsideWeight) {
            this.outsideWeight = outsideWeight;
            return this;
        }

        /**
         * Weight of the expected entity ratio loss (Effland and Collins, 2021); default 0 (off). Teacher labels that
         * miss mentions teach the student that entities are rarer than they are; this term pulls the share of words
         * the student gives each type toward that type's share in the gold development set (which it then needs),
         * so some words the teachers left outside become entities. Per type: a type whose teachers already find most
         * mentions is barely pushed. Combine with an {@linkplain #outsideWeight outside weight} below 1.
         */
        public Builder entityRatioWeight(double entityRatioWeight) {
            this.entityRatioWeight = entityRatioWeight;
            return this;
        }

        /**
         * Whether words the teachers left outside are unlabelled rather than outside; default false. On, the loss is
         * the non-negative positive-unlabelled risk (Kiryo et al., 2017): entity words by cross-entropy, outside by
         * the bounded loss {@code 1 - p(outside)} of the outside-labelled words less what the entities they hide
         * would contribute, with the share of hidden entities estimated from the gold development set (which it then
         * needs). The {@linkplain #outsideWeight outside weight} scales that outside risk. On the main job's
         * dictionary labels (2026-12-07, batches of 16, dev F1 BC5CDR / NCBI-disease) it lowered both: 0.703 / 0.619
         * off, 0.657 / 0.606 on with outside weight 0.3, 0.623 / 0.616 with 1; the students over-predict entities.
         */
        public Builder positiveUnlabelled(boolean positiveUnlabelled) {
            this.positiveUnlabelled = positiveUnlabelled;
            return this;
        }

        /**
         * Share of the training sequences without any labelled word that each epoch trains on; default 1 (all). The
         * sequences with a labelled word are always trained on; the others are drawn afresh each epoch. Teachers that
         * miss mentions leave many sentences with entities wholly unlabelled, and such a sentence teaches only
         * "outside"; fewer of them per epoch also make an epoch shorter. Must be in (0, 1].
         */
        public Builder unlabelledShare(double share) {
            this.unlabelledShare = share;
            return this;
        }

        /** Most epochs; default 4. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Fewest optimizer steps of a run; default 0 (no minimum). When {@link #epochs} over the training windows
         * make fewer steps, the run takes as many more epochs as it needs ({@code ceil(minSteps / stepsPerEpoch)});
         * warmup, decay and early stopping follow the longer run. A small set of long notes otherwise ends before
         * its rarer types are learnt: 70 MACCROBAT case reports make 48 steps per epoch in batches of 32 sentences,
         * after which the student still labels no DISEASE or MEDICATION.
         */
        public Builder minSteps(int minSteps) {
            this.minSteps = minSteps;
            return this;
        }

        /** Epochs without dev improvement before stopping; default 2. */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Windows per batch (split across devices); default 32. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of weights, dropout and shuffling; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Devices to train on; default from {@code -Dmeddistill.devices} ({@code auto}: GPUs if any, else CPU). */
        public Builder devices(List<Device> devices) {
            this.devices = List.copyOf(devices);
            return this;
        }

        /** Devices by spec, see {@link DeviceSelection}. */
        public Builder devices(String spec) {
            this.deviceSpec = spec;
            this.devices = null;
            return this;
        }

        /**
         * Whether a step with a non-finite loss or gradient norm fails the run at once with a
         * {@link NonRetriableException} instead of being skipped, counted and logged. Default from
         * {@code -Dmeddistill.strictNumerics} (off); the project's tests turn it on. Either way the counts of both
         * kinds reach {@link TrainingListener#onFinish}.
         */
        public Builder strictNumerics(boolean strict) {
            this.strictNumerics = strict;
            return this;
        }

        /** Progress callback; default none. */
        public Builder listener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /** Validates the settings. */
        public BertStudentTrainer build() {
            Objects.requireNonNull(encoder, "encoder");
            Objects.requireNonNull(scheme, "labelScheme");
            Objects.requireNonNull(segmentation, "segmentation");
            Objects.requireNonNull(listener, "listener");
            BertConfig config = encoder instanceof EncoderSource.Random r ? r.config() : null;
            List<Device> resolved = devices != null ? devices : DeviceSelection.resolve(deviceSpec);
            SettingsCheck check = SettingsCheck.of("the student trainer");
            check.require(maxLength >= 8 && maxLength <= 512 && (config == null || maxLength <= config.maxPositions()),
                    "maxLength must be in [8, 512] and within the encoder's positions: maxLength=" + maxLength);
            check.require(stride >= 0 && stride < maxLength - 2,
                    "stride must be in [0, maxLength - 2): stride=" + stride + ", maxLength=" + maxLength);
            check.require(learningRate > 0 && learningRate < 1, "learningRate must be in (0, 1): " + learningRate);
            check.require(warmupFraction >= 0 && warmupFraction < 1,
                    "warmupFraction must be in [0, 1): " + warmupFraction);
            check.require(weightDecay >= 0 && weightDecay < 1, "weightDecay must be in [0, 1): " + weightDecay);
            check.positive("clipNorm", clipNorm);
            check.require(outsideWeight > 0 && outsideWeight <= 1, "outsideWeight must be in (0, 1]: " + outsideWeight);
            check.require(entityRatioWeight >= 0 && Double.isFinite(entityRatioWeight),
                    "entityRatioWeight must be finite and not negative: " + entityRatioWeight);
            check.require(unlabelledShare > 0 && unlabelledShare <= 1,
                    "unlabelledShare must be in (0, 1]: " + unlabelledShare);
            check.require(epochs >= 1, "epochs must be at least 1: " + epochs);
            check.require(minSteps >= 0, "minSteps must not be negative: " + minSteps);
            check.require(patience >= 1, "patience must be at least 1: " + patience);
            check.require(batchSize >= 1, "batchSize must be at least 1: " + batchSize);
            check.require(!resolved.isEmpty(), "devices must not be empty");
            check.throwIfAny();
            return new BertStudentTrainer(this, resolved);
        }
    }
}
