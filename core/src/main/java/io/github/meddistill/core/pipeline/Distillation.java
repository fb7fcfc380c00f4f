package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.SpanF1;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.combine.UnionCombiner;
import io.github.meddistill.core.text.AbbreviationPropagation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole method in one object: teachers label unlabeled notes, their labels are combined, a
 * student is trained on the combination and, given a gold test set, everything is evaluated.
 *
 * <pre>{@code
 * try (DistillationResult result = Distillation.builder(Set.of(EntityType.DISEASE),
 *                 BertStudentTrainer.builder().build(), Path.of("runs/disease"))
 *         .addTeacher(doidTeacher).addTeacher(gpt4o)
 *         .combination(new SubsetSearchSelector())      // from meddistill-eval; default: union of all
 *         .development(goldDev).test(goldTest).evaluator(new StandardEvaluator())  // meddistill-eval
 *         .build()
 *         .run(unlabeledNotes)) {
 *     Student student = result.student();
 * }
 * }</pre>
 *
 * <p>The entity types are declared here once: each teacher and trainer that was not given types of its own is
 * {@linkplain Teacher#forEntityTypes(Set) told them}, and every teacher's labels are kept to them.
 *
 * <p>Every step can be replaced: any {@link Teacher}, any {@link CombinationSelector}, any
 * {@link StudentTrainer}, any {@link Evaluator}. A run is resumable: teacher labels are journalled
 * under {@code <output>/labels} as they arrive and students saved under {@code <output>/students};
 * running again with the same output directory reuses them: labels while the teacher's
 * {@linkplain Teacher#configuration() configuration} is unchanged (otherwise they are set aside, not deleted, and the
 * notes labelled again), students when the trainer also implements {@link StudentLoader} and only while the
 * trainer's configuration and the training data are the ones the saved student was trained with. The hidden copy a
 * run killed while saving a student leaves beside it is removed by the next run.
 *
 * <p>Immutable once built; {@link #run(List)} is not meant to be called concurrently on the same
 * output directory.
 */
public final class Distillation {

    private static final Logger LOG = LoggerFactory.getLogger(Distillation.class);
    /** Source name of the combined teacher labels. */
    public static final String COMBINATION = "combination";
    /** Names of the two students in reports. */
    public static final String STUDENT = "student";
    public static final String GOLD_STUDENT = "gold-student";
    /** Prefix of the label folders of the students that label notes for self-training. */
    public static final String SELF_TRAINING = "self-training";

    private final List<Teacher> teachers;
    private final Set<EntityType> entityTypes;
    private final CombinationSelector combination;
    private final StudentTrainer studentTrainer;
    private final StudentTrainer goldStudentTrainer;
    private final List<Annotation> development;
    private final List<Annotation> test;
    private final List<Annotation> goldTraining;
    private final Evaluator evaluator;
    private final Path outputDirectory;
    private final List<ProgressListener> listeners;
    private final int labellingBatchSize;
    private final Optional<AbbreviationPropagation> abbreviations;
    private final int selfTrainingRounds;
    private final boolean reliabilityWeights;
    private final boolean unknownMentions;

    private Distillation(Builder builder) {
        entityTypes = Set.copyOf(new TreeSet<>(builder.entityTypes));
        teachers = builder.teachers.stream().map(teacher -> teacher.forEntityTypes(entityTypes)).toList();
        combination = builder.combination == null ? CombinationSelector.fixed(new UnionCombiner()) : builder.combination;
        studentTrainer = builder.studentTrainer.forEntityTypes(entityTypes);
        goldStudentTrainer = builder.goldStudentTrainer != null ? builder.goldStudentTrainer.forEntityTypes(entityTypes)
                : studentTrainer;
        development = List.copyOf(builder.development);
        test = List.copyOf(builder.test);
        goldTraining = List.copyOf(builder.goldTraining);
        evaluator = builder.evaluator;
        outputDirectory = builder.outputDirectory;
        listeners = List.copyOf(builder.listeners);
        labellingBatchSize = builder.labellingBatchSize == null ? 32 : builder.labellingBatchSize;
        abbreviations = builder.propagateAbbreviations ? Optional.of(new AbbreviationPropagation()) : Optional.empty();
        selfTrainingRounds = builder.selfTrainingRounds;
        reliabilityWeights = builder.reliabilityWeights;
        unknownMentions = builder.unknownMentions;
    }

    /**
     * A builder with the three settings every distillation needs.
     *
     * @param entityTypes the entity types to distil (not empty); teachers' labels of other types are ignored
     * @param studentTrainer trains the students
     * @param outputDirectory where labels, students and reports go; reports can contain note text
     */
    public static Builder builder(Set<EntityType> entityTypes, StudentTrainer studentTrainer, Path outputDirectory) {
        return new Builder(entityTypes, studentTrainer, outputDirectory);
    }

    /**
     * Runs the method on {@code unlabeled} notes (their text only is used).
     *
     * @throws MedDistillException if a step fails; labels and students finished before are kept on disk
     */
    public DistillationResult run(List<Document> unlabeled) {
        Objects.requireNonNull(unlabeled, "unlabeled");
        if (unlabeled.isEmpty()) {
            throw new IllegalArgumentException("nothing to distil from: the list of unlabeled documents is empty");
        }
        requireUniqueIds(unlabeled, "unlabeled documents");
        ProgressListener progress = event -> listeners.forEach(listener -> listener.onProgress(event));
        TeacherLabeller labeller = new TeacherLabeller(outputDirectory.resolve("labels"), labellingBatchSize, progress);
        StudentStore students = new StudentStore(outputDirectory.resolve("students"), onlyTypes(development), progress);

        Map<String, List<LabelJournal.Entry>> trainLabels = labelAll(labeller, "train", unlabeled);
        Map<String, List<LabelJournal.Entry>> devLabels = labelAll(labeller, "dev", documents(development));
        Map<String, List<LabelJournal.Entry>> testLabels = labelAll(labeller, "test", documents(test));

        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.SELECTING, COMBINATION, 0, 1));
        CombinationPlan plan = combination.select(LabelJournal.annotations(devLabels), onlyTypes(development), entityTypes);
        StudentStore.writeString(outputDirectory.resolve("combination.txt"), plan.describe());
        LOG.info("Teacher combination:\n{}", plan.describe());
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.SELECTING, COMBINATION, 1, 1));

        List<Annotation> trainingLabels = plan.apply(LabelJournal.annotations(trainLabels), COMBINATION);
        MentionConfidences confidences = MentionConfidences.NONE;
        if (reliabilityWeights) {
            MentionReliability reliability = MentionReliability.estimate(plan, LabelJournal.annotations(devLabels),
                    onlyTypes(development));
            String estimates = reliability.describe();
            StudentStore.writeString(outputDirectory.resolve("reliability-weights.txt"), estimates);
            LOG.info("Reliability weights, a training mention's weight by the teachers that labelled it:\n{}",
                    estimates);
            confidences = reliability.confidences(plan, LabelJournal.annotations(trainLabels), trainingLabels);
        }
        List<Annotation> studentLabels = trainingLabels;
        if (unknownMentions) {
            UnknownMentions.Added unknown = UnknownMentions.add(LabelJournal.annotations(trainLabels), trainingLabels,
                    confidences);
            if (unknown.added() == 0) {
                LOG.info("Unknown mentions: none, every teacher mention is in the combination or overlaps one");
            } else {
                LOG.info("Unknown mentions: {} teacher mentions the combination left out train as neither entity nor"
                        + " outside", unknown.added());
            }
            studentLabels = unknown.labels();
            confidences = unknown.confidences();
        }
        Student student = students.trainOrLoad(STUDENT, studentTrainer, studentLabels, confidences);
        List<SelfTrainingRound> rounds = new ArrayList<>();
        Optional<Student> goldStudent = Optional.empty();
        try {
            if (selfTrainingRounds > 0) {
                student = selfTrain(student, studentLabels, confidences, labeller, students, unlabeled, rounds);
            }
            if (!goldTraining.isEmpty()) {
                goldStudent = Optional.of(students.trainOrLoad(GOLD_STUDENT, goldStudentTrainer, onlyTypes(goldTraining)));
            }
            List<SystemRun> runs = new ArrayList<>();
            Optional<Evaluation> evaluation = Optional.empty();
            if (!test.isEmpty()) {
                runs.addAll(new TestRunner(documents(test), entityTypes, labellingBatchSize, progress)
                        .runs(testLabels, plan, student, goldStudent));
                if (evaluator != null) {
                    progress.onProgress(new ProgressEvent(ProgressEvent.Stage.EVALUATING, "test", 0, 1));
                    Evaluation result = evaluator.evaluate(runs, onlyTypes(test));
                    result.writeReports(outputDirectory);
                    evaluation = Optional.of(result);
                    progress.onProgress(new ProgressEvent(ProgressEvent.Stage.EVALUATING, "test", 1, 1));
                }
            }
            return new DistillationResult(student, goldStudent, LabelJournal.annotations(trainLabels), plan, trainingLabels,
                    rounds, runs, evaluation, outputDirectory);
        } catch (RuntimeException e) {
            student.close();
            goldStudent.ifPresent(Student::close);
            throw e;
        }
    }

    private Map<String, List<LabelJournal.Entry>> labelAll(TeacherLabeller labeller, String split, List<Document> documents) {
        Map<String, List<LabelJournal.Entry>> byTeacher = new LinkedHashMap<>();
        if (documents.isEmpty()) {
            teachers.forEach(teacher -> byTeacher.put(teacher.name(), List.of()));
            return byTeacher;
        }
        for (Teacher teacher : teachers) {
            List<LabelJournal.Entry> entries = labeller.label(teacher, split, documents);
            byTeacher.put(teacher.name(), entries.stream().map(this::onlyTypes).map(this::withAbbreviations).toList());
        }
        return byTeacher;
    }

    /**
     * Self-training: while the development F1 rises, for at most {@code selfTrainingRounds} rounds, the current
     * student labels the unlabeled notes (journalled like a teacher, so a rerun resumes), its mentions join the
     * teachers' labels where they overlap none, and a student is trained on the result. Per type: once a round
     * lowers a type's development F1, that type's student mentions no longer join (teachers that are precise and
     * broad gain nothing from the student's guesses, recall-poor ones do); a round that lowers the overall F1 is
     * dropped, and if it raised some types' F1 the next round adds only those types' mentions of the kept student.
     * With reliability weights the teachers' mentions keep their weights and the student's count as certain.
     * Returns the best student; the others are closed.
     */
    private Student selfTrain(Student first, List<Annotation> teacherLabels, MentionConfidences confidences,
            TeacherLabeller labeller, StudentStore students, List<Document> unlabeled, List<SelfTrainingRound> rounds) {
        Student current = first;
        String fingerprint = students.fingerprint(studentTrainer, teacherLabels, confidences);
        List<List<Entity>> predicted = developmentPredictions(current);
        double f1 = developmentF1(predicted, entityTypes);
        Map<EntityType, Double> f1ByType = developmentF1ByType(predicted);
        rounds.add(new SelfTrainingRound(1, 0, f1, true, Set.of(), f1ByType));
        Set<EntityType> joining = new TreeSet<>(entityTypes);
        int currentRound = 1;
        for (int round = 2; round <= selfTrainingRounds + 1 && !joining.isEmpty(); round++) {
            Set<EntityType> joined = Set.copyOf(joining);
            Teacher previous = new StudentTeacher(SELF_TRAINING + "-" + currentRound, current, fingerprint);
            List<Annotation> studentLabels = labeller.label(previous, "train", unlabeled).stream()
                    .map(entry -> entry.annotation().onlyTypes(joined)).toList();
            PseudoLabels.Merged merged = PseudoLabels.addNonOverlapping(teacherLabels, studentLabels, COMBINATION);
            Student next = students.trainOrLoad(STUDENT + "-round-" + round, studentTrainer, merged.labels(),
                    confidences);
            List<List<Entity>> nextPredicted = developmentPredictions(next);
            double nextF1 = developmentF1(nextPredicted, entityTypes);
            Map<EntityType, Double> nextF1ByType = developmentF1ByType(nextPredicted);
            boolean better = nextF1 > f1;
            rounds.add(new SelfTrainingRound(round, merged.added(), nextF1, better, joined, nextF1ByType));
            LOG.info("Self-training round {}: the previous student added {} mentions of {}; dev F1 {} -> {} ({}), per"
                    + " type {} -> {}", round, merged.added(), joined, f1, nextF1,
                    better ? "kept" : "dropped, previous student kept", f1ByType, nextF1ByType);
            if (!better) {
                next.close();
                Set<EntityType> raised = new TreeSet<>();
                for (EntityType type : joined) {
                    if (nextF1ByType.get(type) > f1ByType.get(type)) {
                        raised.add(type);
                    }
                }
                if (raised.isEmpty() || raised.equals(joined)) {
                    break;
                }
                // the round's other types cost more than these gained: the kept student's mentions of these alone
                // may still help (epochs make a precise type better than its teachers' guesses can)
                joining = raised;
                LOG.info("Self-training: round {} raised the dev F1 of {} only; the next round adds just their"
                        + " mentions, from the kept student", round, raised);
                continue;
            }
            for (EntityType type : joined) {
                if (nextF1ByType.get(type) < f1ByType.get(type)) {
                    joining.remove(type);
                    LOG.info("Self-training: {} mentions of the student no longer join, they lowered its dev F1", type);
                }
            }
            current.close();
            current = next;
            currentRound = round;
            f1 = nextF1;
            f1ByType = nextF1ByType;
            fingerprint = students.fingerprint(studentTrainer, merged.labels(), confidences);
        }
        return current;
    }

    /** The student's entities in each development document (any type; {@link #developmentF1} keeps its types). */
    private List<List<Entity>> developmentPredictions(Student student) {
        return student.extractAll(development.stream().map(a -> a.document().text()).toList());
    }

    /** Strict span F1 on the development set, over the entities of {@code types}. */
    private double developmentF1(List<List<Entity>> predicted, Set<EntityType> types) {
        List<List<Entity>> gold = development.stream().map(a -> a.onlyTypes(types).entities()).toList();
        return SpanF1.strict(gold, predicted.stream()
                .map(entities -> entities.stream().filter(e -> types.contains(e.type())).toList()).toList());
    }

    private Map<EntityType, Double> developmentF1ByType(List<List<Entity>> predicted) {
        Map<EntityType, Double> byType = new TreeMap<>();
        for (EntityType type : entityTypes) {
            byType.put(type, developmentF1(predicted, Set.of(type)));
        }
        return byType;
    }

    private LabelJournal.Entry onlyTypes(LabelJournal.Entry entry) {
        return new LabelJournal.Entry(entry.annotation().onlyTypes(entityTypes), entry.latencyMillis(), entry.tokens(),
                entry.costUsd());
    }

    /** The journal keeps what the teacher said; abbreviation uses are added on every read. */
    private LabelJournal.Entry withAbbreviations(LabelJournal.Entry entry) {
        if (abbreviations.isEmpty()) {
            return entry;
        }
        Annotation annotation = entry.annotation();
        List<Entity> entities = abbreviations.get().propagate(annotation.document().text(), annotation.entities());
        return new LabelJournal.Entry(new Annotation(annotation.document(), entities, annotation.source()),
                entry.latencyMillis(), entry.tokens(), entry.costUsd());
    }

    private List<Annotation> onlyTypes(List<Annotation> annotations) {
        return annotations.stream().map(a -> a.onlyTypes(entityTypes)).toList();
    }

    private static List<Document> documents(List<Annotation> annotations) {
        return annotations.stream().map(Annotation::document).toList();
    }

    private static void requireUniqueIds(List<Document> documents, String what) {
        Set<String> seen = new HashSet<>();
        for (Document document : documents) {
            if (!seen.add(document.id())) {
                throw new IllegalArgumentException("duplicate document id in " + what + ": " + document.id());
            }
        }
    }

    /**
     * Collects the parts of a distillation; {@link #build()} checks them and names every problem. Reusable: building
     * changes nothing, so one builder can build several distillations.
     */
    public static final class Builder {

        private final List<Teacher> teachers = new ArrayList<>();
        private final Set<EntityType> entityTypes;
        private CombinationSelector combination;
        private final StudentTrainer studentTrainer;
        private StudentTrainer goldStudentTrainer;
        private List<Annotation> development = List.of();
        private List<Annotation> test = List.of();
        private List<Annotation> goldTraining = List.of();
        private Evaluator evaluator;
        private final Path outputDirectory;
        private final List<ProgressListener> listeners = new ArrayList<>();
        private Integer labellingBatchSize;
        private boolean propagateAbbreviations;
        private int selfTrainingRounds;
        private boolean reliabilityWeights;
        private boolean unknownMentions;

        private Builder(Set<EntityType> entityTypes, StudentTrainer studentTrainer, Path outputDirectory) {
            this.entityTypes = new TreeSet<>(Objects.requireNonNull(entityTypes, "entityTypes"));
            this.studentTrainer = Objects.requireNonNull(studentTrainer, "studentTrainer");
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        }

        /** Adds a teacher; names must be unique. */
        public Builder addTeacher(Teacher teacher) {
            teachers.add(Objects.requireNonNull(teacher, "teacher"));
            return this;
        }

        /** Replaces the teachers. */
        public Builder teachers(List<? extends Teacher> newTeachers) {
            teachers.clear();
            newTeachers.forEach(this::addTeacher);
            return this;
        }

        /** How teachers are combined; default: the union of all teachers for every type. */
        public Builder combination(CombinationSelector selector) {
            combination = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /**
         * Trains the reference student on the gold training labels; default the {@linkplain #studentTrainer student
         * trainer}. A different one suits settings meant for incomplete teacher labels only.
         */
        public Builder goldStudentTrainer(StudentTrainer trainer) {
            goldStudentTrainer = Objects.requireNonNull(trainer, "trainer");
            return this;
        }

        /** Gold-labelled dev documents: for choosing the combination and for early stopping. */
        public Builder development(List<Annotation> goldDevelopment) {
            development = List.copyOf(goldDevelopment);
            return this;
        }

        /** Gold-labelled test documents: every system is evaluated on them. */
        public Builder test(List<Annotation> goldTest) {
            test = List.copyOf(goldTest);
            return this;
        }

        /** Gold training labels for the reference student trained on human labels (optional). */
        public Builder goldTraining(List<Annotation> goldTrainingLabels) {
            goldTraining = List.copyOf(goldTrainingLabels);
            return this;
        }

        /** Scores the systems on the test set (required when a test set is given). */
        public Builder evaluator(Evaluator newEvaluator) {
            evaluator = Objects.requireNonNull(newEvaluator, "evaluator");
            return this;
        }

        public Builder addListener(ProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Notes per teacher call and per journal flush (default 32): at most this many are relabelled after a crash. */
        public Builder labellingBatchSize(int size) {
            labellingBatchSize = size;
            return this;
        }

        /**
         * Whether every teacher's labels (on every split, so also in the teachers' test scores) get the uses of the
         * abbreviations whose definitions they label, see {@link AbbreviationPropagation}; default {@code false}.
         * The label journals keep the teachers' own labels either way. The students decide for themselves (e.g.
         * {@code BertStudentTrainer.Builder.propagateAbbreviations}).
         */
        public Builder propagateAbbreviations(boolean propagate) {
            propagateAbbreviations = propagate;
            return this;
        }

        /**
         * At most this many self-training rounds after the first student (default 0: none). In each, the latest
         * student labels the unlabeled notes, its mentions that overlap no teacher label join the teachers' labels,
         * and a new student is trained on them; rounds stop as soon as one does not raise the strict F1 on the
         * development set, which is then required. A type whose development F1 a round lowered adds no student
         * mentions in later rounds (on BC5CDR the student's extra disease mentions help and its extra drug mentions
         * do not). Every round's labels and student are journalled under the
         * output directory ({@code labels/self-training-N}, {@code students/student-round-N}), so a rerun resumes.
         */
        public Builder selfTrainingRounds(int rounds) {
            selfTrainingRounds = rounds;
            return this;
        }

        /**
         * Whether each combined training mention weighs in the student's loss as much as mentions labelled by the same
         * teachers (DOID alone, DOID and the patterns, ...) are right on the development set, which is then required
         * (default {@code false}: every mention weighs 1); see {@code reliability-weights.txt} in the output directory
         * for the estimates. Needs a trainer that {@linkplain StudentTrainer#weighsMentions() weighs mentions}.
         */
        public Builder reliabilityWeights(boolean weigh) {
            reliabilityWeights = weigh;
            return this;
        }

        /**
         * Whether the mentions some teacher labelled but the combination left out (those of a teacher it does not use,
         * or that lost its vote) train as unknown, neither entity nor outside, where they overlap no combined mention
         * (default {@code false}: they train as outside). AutoNER's unknown phrases (Shang et al. 2018). Needs a
         * trainer that {@linkplain StudentTrainer#weighsMentions() weighs mentions}: they weigh 0. In self-training
         * rounds they stay unknown, so a student mention that overlaps one does not join. The main job turns
         * it on: it raised the distilled student's dev F1 on each of its three corpora (README, "Learning from
         * incomplete teacher labels").
         */
        public Builder unknownMentions(boolean unknown) {
            unknownMentions = unknown;
            return this;
        }

        /** Checks the configuration; the message names every missing or bad part. */
        public Distillation build() {
            SettingsCheck check = SettingsCheck.of("the distillation");
            check.require(!teachers.isEmpty(), "no teacher: call addTeacher(...)");
            Set<String> names = new HashSet<>();
            teachers.stream().map(Teacher::name).filter(name -> !names.add(name))
                    .forEach(name -> check.add("teacher name '" + name + "' is used twice"));
            teachers.stream().map(Teacher::name)
                    .filter(name -> name.equals(COMBINATION) || name.equals(STUDENT) || name.equals(GOLD_STUDENT)
                            || name.startsWith(SELF_TRAINING))
                    .forEach(name -> check.add(
                            "teacher name '" + name + "' is reserved for the pipeline's own systems"));
            check.require(!entityTypes.isEmpty(), "entityTypes must not be empty");
            check.require(test.isEmpty() || evaluator != null,
                    "a test set is given but no evaluator: call evaluator(...) (e.g. meddistill-eval's StandardEvaluator)");
            check.notNegative("selfTrainingRounds", selfTrainingRounds);
            check.require(selfTrainingRounds == 0 || !development.isEmpty(),
                    "self-training needs development documents to decide when to stop: call development(...)");
            check.require(!reliabilityWeights || !development.isEmpty(),
                    "reliability weights need development documents to estimate each teacher's precision: call"
                    + " development(...)");
            requireWeighingTrainer(check, reliabilityWeights, "reliability weights");
            requireWeighingTrainer(check, unknownMentions, "unknown mentions");
            check.require(labellingBatchSize == null || labellingBatchSize >= 1,
                    "labellingBatchSize must be at least 1: " + labellingBatchSize);
            checkUnique(development, "development", check);
            checkUnique(test, "test", check);
            checkUnique(goldTraining, "goldTraining", check);
            check.throwIfAny();
            return new Distillation(this);
        }

        /** {@code option} (named {@code name}) sets per-mention confidences, which only some trainers read. */
        private void requireWeighingTrainer(SettingsCheck check, boolean option, String name) {
            check.require(!option || studentTrainer.weighsMentions(), name + " need a student trainer that weighs"
                    + " mentions by confidence; " + studentTrainer.getClass().getName() + " does not");
        }

        private static void checkUnique(List<Annotation> annotations, String field, SettingsCheck check) {
            Set<String> ids = new HashSet<>();
            annotations.stream().map(Annotation::documentId).filter(id -> !ids.add(id)).findFirst()
                    .ifPresent(id -> check.add(field + " contains document '" + id + "' twice"));
        }
    }
}
