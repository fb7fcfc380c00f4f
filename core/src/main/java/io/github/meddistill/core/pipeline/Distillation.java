package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.SpanF1;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.combine.UnionCombiner;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.text.AbbreviationPropagation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole method in one object: teachers label unlabeled notes, their labels are combined, a
 * student is trained on the combination and, given a gold test set, everything is evaluated.
 *
 * <pre>{@code
 * try (DistillationResult result = Distillation.builder()
 *         .addTeacher(doidTeacher).addTeacher(gpt4o)
 *         .entityTypes(Set.of(EntityType.DISEASE))
 *         .combination(new SubsetSearchSelector())      // from meddistill-eval; default: union of all
 *         .studentTrainer(BertStudentTrainer.builder().build())
 *         .development(goldDev).test(goldTest).evaluator(new StandardEvaluator())  // meddistill-eval
 *         .outputDirectory(Path.of("runs/disease"))
 *         .build()
 *         .run(unlabeledNotes)) {
 *     Student student = result.student();
 * }
 * }</pre>
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
    private static final String COMPLETE_MARKER = ".complete";
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

    private Distillation(Builder builder) {
        teachers = List.copyOf(builder.teachers);
        entityTypes = Set.copyOf(new TreeSet<>(builder.entityTypes));
        combination = builder.combination == null ? CombinationSelector.fixed(new UnionCombiner()) : builder.combination;
        studentTrainer = builder.studentTrainer;
        goldStudentTrainer = builder.goldStudentTrainer != null ? builder.goldStudentTrainer : builder.studentTrainer;
        development = List.copyOf(builder.development);
        test = List.copyOf(builder.test);
        goldTraining = List.copyOf(builder.goldTraining);
        evaluator = builder.evaluator;
        outputDirectory = builder.outputDirectory;
        listeners = List.copyOf(builder.listeners);
        labellingBatchSize = builder.labellingBatchSize == null ? 32 : builder.labellingBatchSize;
        abbreviations = builder.propagateAbbreviations ? Optional.of(new AbbreviationPropagation()) : Optional.empty();
        selfTrainingRounds = builder.selfTrainingRounds;
    }

    public static Builder builder() {
        return new Builder();
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

        Map<String, List<LabelJournal.Entry>> trainLabels = labelAll(labeller, "train", unlabeled);
        Map<String, List<LabelJournal.Entry>> devLabels = labelAll(labeller, "dev", documents(development));
        Map<String, List<LabelJournal.Entry>> testLabels = labelAll(labeller, "test", documents(test));

        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.SELECTING, COMBINATION, 0, 1));
        CombinationPlan plan = combination.select(annotations(devLabels), onlyTypes(development), entityTypes);
        writeString(outputDirectory.resolve("combination.txt"), plan.describe());
        LOG.info("Teacher combination:\n{}", plan.describe());
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.SELECTING, COMBINATION, 1, 1));

        List<Annotation> trainingLabels = plan.apply(annotations(trainLabels), COMBINATION);
        Student student = trainOrLoad(STUDENT, studentTrainer, trainingLabels, progress);
        List<SelfTrainingRound> rounds = new ArrayList<>();
        Optional<Student> goldStudent = Optional.empty();
        try {
            if (selfTrainingRounds > 0) {
                student = selfTrain(student, trainingLabels, labeller, unlabeled, progress, rounds);
            }
            if (!goldTraining.isEmpty()) {
                goldStudent = Optional.of(trainOrLoad(GOLD_STUDENT, goldStudentTrainer, onlyTypes(goldTraining),
                        progress));
            }
            List<SystemRun> runs = new ArrayList<>();
            Optional<Evaluation> evaluation = Optional.empty();
            if (!test.isEmpty()) {
                runs.addAll(testRuns(testLabels, plan, student, goldStudent, progress));
                if (evaluator != null) {
                    progress.onProgress(new ProgressEvent(ProgressEvent.Stage.EVALUATING, "test", 0, 1));
                    Evaluation result = evaluator.evaluate(runs, onlyTypes(test));
                    result.writeReports(outputDirectory);
                    evaluation = Optional.of(result);
                    progress.onProgress(new ProgressEvent(ProgressEvent.Stage.EVALUATING, "test", 1, 1));
                }
            }
            return new DistillationResult(student, goldStudent, annotations(trainLabels), plan, trainingLabels,
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
     * teachers' labels where they overlap none, and a student is trained on the result. Returns the best student;
     * the others are closed.
     */
    private Student selfTrain(Student first, List<Annotation> teacherLabels, TeacherLabeller labeller,
            List<Document> unlabeled, ProgressListener progress, List<SelfTrainingRound> rounds) {
        Student current = first;
        String fingerprint = fingerprint(studentTrainer, teacherLabels);
        double f1 = developmentF1(current);
        rounds.add(new SelfTrainingRound(1, 0, f1, true));
        for (int round = 2; round <= selfTrainingRounds + 1; round++) {
            Teacher previous = new StudentTeacher(SELF_TRAINING + "-" + (round - 1), current, fingerprint);
            List<Annotation> studentLabels = labeller.label(previous, "train", unlabeled).stream()
                    .map(entry -> entry.annotation().onlyTypes(entityTypes)).toList();
            PseudoLabels.Merged merged = PseudoLabels.addNonOverlapping(teacherLabels, studentLabels, COMBINATION);
            Student next = trainOrLoad(STUDENT + "-round-" + round, studentTrainer, merged.labels(), progress);
            double nextF1 = developmentF1(next);
            boolean better = nextF1 > f1;
            rounds.add(new SelfTrainingRound(round, merged.added(), nextF1, better));
            LOG.info("Self-training round {}: the previous student added {} mentions; dev F1 {} -> {} ({})", round,
                    merged.added(), f1, nextF1, better ? "kept" : "stopping, previous student kept");
            if (!better) {
                next.close();
                break;
            }
            current.close();
            current = next;
            f1 = nextF1;
            fingerprint = fingerprint(studentTrainer, merged.labels());
        }
        return current;
    }

    private double developmentF1(Student student) {
        List<List<Entity>> predicted = student.extractAll(development.stream().map(a -> a.document().text()).toList())
                .stream().map(entities -> entities.stream().filter(e -> entityTypes.contains(e.type())).toList())
                .toList();
        return SpanF1.strict(onlyTypes(development).stream().map(Annotation::entities).toList(), predicted);
    }

    private String fingerprint(StudentTrainer trainer, List<Annotation> training) {
        String configuration = trainer instanceof StudentLoader loader ? loader.configuration() : "";
        return TrainingFingerprint.of(configuration, training, onlyTypes(development));
    }

    private Student trainOrLoad(String name, StudentTrainer trainer, List<Annotation> training,
            ProgressListener progress) {
        Path directory = outputDirectory.resolve("students").resolve(name);
        List<Annotation> developmentLabels = onlyTypes(development);
        Path marker = directory.resolve(COMPLETE_MARKER);
        Optional<StudentLoader> loader = trainer instanceof StudentLoader l ? Optional.of(l) : Optional.empty();
        String fingerprint = fingerprint(trainer, training);
        removeUnfinishedSaves(directory, name);
        if (loader.isPresent() && Files.exists(marker)) {
            if (readString(marker).strip().equals(fingerprint)) {
                LOG.info("Loading the {} trained by an earlier run from {}", name, directory);
                return loader.get().load(directory);
            }
            LOG.info("Training the {} again: its settings or data changed since the one in {} was trained", name,
                    directory);
        }
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, name, 0, 1));
        Student student = trainer.train(training, developmentLabels);
        try {
            student.save(directory);
            writeString(marker, fingerprint);
        } catch (RuntimeException e) {
            student.close();
            throw e;
        }
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, name, 1, 1));
        return student;
    }

    /** Deletes the hidden copies a run killed while saving this student left in the students folder. */
    private static void removeUnfinishedSaves(Path directory, String name) {
        try {
            int removed = AtomicFiles.removeTemporarySiblings(directory);
            if (removed > 0) {
                LOG.info("Removed {} unfinished copies of the {} left beside {} by a run stopped while saving it",
                        removed, name, directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished copies of the " + name + " beside " + directory, e);
        }
    }

    private List<SystemRun> testRuns(Map<String, List<LabelJournal.Entry>> testLabels, CombinationPlan plan, Student student,
                                     Optional<Student> goldStudent, ProgressListener progress) {
        List<SystemRun> runs = new ArrayList<>();
        testLabels.forEach((teacher, entries) -> runs.add(new SystemRun(teacher, SystemRole.TEACHER,
                entries.stream().map(LabelJournal.Entry::annotation).toList(),
                entries.stream().map(LabelJournal.Entry::latencyMillis).toList(),
                entries.stream().map(LabelJournal.Entry::tokens).reduce(TokenUsage.ZERO, TokenUsage::plus),
                entries.stream().mapToDouble(LabelJournal.Entry::costUsd).sum())));
        List<Annotation> combined = plan.apply(annotations(testLabels), COMBINATION);
        Set<String> used = new HashSet<>();
        plan.byType().values().forEach(choice -> used.addAll(choice.teachers()));
        List<Double> combinedLatency = new ArrayList<>();
        TokenUsage combinedTokens = TokenUsage.ZERO;
        double combinedCost = 0;
        for (int i = 0; i < combined.size(); i++) {
            double millis = 0;
            for (String teacher : used) {
                LabelJournal.Entry entry = testLabels.get(teacher).get(i);
                millis += entry.latencyMillis();
                combinedTokens = combinedTokens.plus(entry.tokens());
                combinedCost += entry.costUsd();
            }
            combinedLatency.add(millis);
        }
        runs.add(new SystemRun(COMBINATION, SystemRole.COMBINATION, combined, combinedLatency, combinedTokens, combinedCost));
        runs.add(predict(STUDENT, SystemRole.STUDENT, student, progress));
        goldStudent.ifPresent(s -> runs.add(predict(GOLD_STUDENT, SystemRole.GOLD_STUDENT, s, progress)));
        return runs;
    }

    private SystemRun predict(String name, SystemRole role, Student student, ProgressListener progress) {
        List<Document> documents = documents(test);
        List<Annotation> predictions = new ArrayList<>(documents.size());
        List<Double> latencies = new ArrayList<>(documents.size());
        for (int from = 0; from < documents.size(); from += labellingBatchSize) {
            List<Document> batch = documents.subList(from, Math.min(documents.size(), from + labellingBatchSize));
            long start = System.nanoTime();
            List<List<Entity>> entities = student.extractAll(batch.stream().map(Document::text).toList());
            double millisPerNote = (System.nanoTime() - start) / 1e6 / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                predictions.add(new Annotation(batch.get(i), entities.get(i), name).onlyTypes(entityTypes));
                latencies.add(millisPerNote);
            }
            progress.onProgress(new ProgressEvent(ProgressEvent.Stage.PREDICTING, name, predictions.size(), documents.size()));
        }
        return new SystemRun(name, role, predictions, latencies, TokenUsage.ZERO, 0);
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

    private static Map<String, List<Annotation>> annotations(Map<String, List<LabelJournal.Entry>> entries) {
        Map<String, List<Annotation>> annotations = new LinkedHashMap<>();
        entries.forEach((teacher, list) -> annotations.put(teacher, list.stream().map(LabelJournal.Entry::annotation).toList()));
        return annotations;
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

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            AtomicFiles.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Collects the parts of a distillation; {@link #build()} checks them and names what is missing. */
    public static final class Builder {

        private final List<Teacher> teachers = new ArrayList<>();
        private final Set<EntityType> entityTypes = new TreeSet<>();
        private CombinationSelector combination;
        private StudentTrainer studentTrainer;
        private StudentTrainer goldStudentTrainer;
        private List<Annotation> development = List.of();
        private List<Annotation> test = List.of();
        private List<Annotation> goldTraining = List.of();
        private Evaluator evaluator;
        private Path outputDirectory;
        private final List<ProgressListener> listeners = new ArrayList<>();
        private Integer labellingBatchSize;
        private boolean propagateAbbreviations;
        private int selfTrainingRounds;

        private Builder() {
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

        /** The entity types to distil; labels of other types are ignored. */
        public Builder entityTypes(Set<EntityType> types) {
            entityTypes.clear();
            entityTypes.addAll(types);
            return this;
        }

        /** How teachers are combined; default: the union of all teachers for every type. */
        public Builder combination(CombinationSelector selector) {
            combination = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** Trains the students (required). */
        public Builder studentTrainer(StudentTrainer trainer) {
            studentTrainer = Objects.requireNonNull(trainer, "trainer");
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

        /** Where labels, students and reports go (required); reports can contain note text. */
        public Builder outputDirectory(Path directory) {
            outputDirectory = Objects.requireNonNull(directory, "directory");
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
         * development set, which is then required. Every round's labels and student are journalled under the
         * output directory ({@code labels/self-training-N}, {@code students/student-round-N}), so a rerun resumes.
         */
        public Builder selfTrainingRounds(int rounds) {
            selfTrainingRounds = rounds;
            return this;
        }

        /** Checks the configuration; the message names every missing or bad part. */
        public Distillation build() {
            List<String> problems = new ArrayList<>();
            if (teachers.isEmpty()) {
                problems.add("no teacher: call addTeacher(...)");
            }
            Set<String> names = new HashSet<>();
            teachers.stream().map(Teacher::name).filter(name -> !names.add(name))
                    .forEach(name -> problems.add("teacher name '" + name + "' is used twice"));
            teachers.stream().map(Teacher::name)
                    .filter(name -> name.equals(COMBINATION) || name.equals(STUDENT) || name.equals(GOLD_STUDENT)
                            || name.startsWith(SELF_TRAINING))
                    .forEach(name -> problems.add("teacher name '" + name + "' is reserved for the pipeline's own systems"));
            if (entityTypes.isEmpty()) {
                problems.add("no entity type: call entityTypes(...)");
            }
            if (studentTrainer == null) {
                problems.add("no student trainer: call studentTrainer(...)");
            }
            if (outputDirectory == null) {
                problems.add("no output directory: call outputDirectory(...)");
            }
            if (!test.isEmpty() && evaluator == null) {
                problems.add("a test set is given but no evaluator: call evaluator(...) (e.g. meddistill-eval's StandardEvaluator)");
            }
            if (selfTrainingRounds < 0) {
                problems.add("selfTrainingRounds must not be negative: " + selfTrainingRounds);
            }
            if (selfTrainingRounds > 0 && development.isEmpty()) {
                problems.add("self-training needs development documents to decide when to stop: call development(...)");
            }
            if (labellingBatchSize != null && labellingBatchSize < 1) {
                problems.add("labellingBatchSize must be at least 1: " + labellingBatchSize);
            }
            checkUnique(development, "development", problems);
            checkUnique(test, "test", problems);
            checkUnique(goldTraining, "goldTraining", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("cannot build the distillation: " + String.join("; ", problems));
            }
            return new Distillation(this);
        }

        private static void checkUnique(List<Annotation> annotations, String field, List<String> problems) {
            Set<String> ids = new HashSet<>();
            annotations.stream().map(Annotation::documentId).filter(id -> !ids.add(id)).findFirst()
                    .ifPresent(id -> problems.add(field + " contains document '" + id + "' twice"));
        }
    }
}
