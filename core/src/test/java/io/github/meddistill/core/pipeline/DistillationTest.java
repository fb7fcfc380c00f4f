package io.github.meddistill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.StudentTrainer;
import io.github.meddistill.core.combine.IntersectionCombiner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest {

    private static final EntityType MED = EntityType.MEDICATION;
    private static final EntityType DIS = EntityType.DISEASE;

    @TempDir
    Path out;

    private final PhraseTeacher drugs = new PhraseTeacher("drugs", Map.of("metformin", MED, "aspirin", MED));
    private final PhraseTeacher diseases = new PhraseTeacher("diseases", Map.of("diabetes", DIS, "asthma", DIS, "aspirin", MED));
    private final MemorisingStudentTrainer trainer = new MemorisingStudentTrainer();

    private static List<Document> notes(String prefix, String... texts) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            documents.add(new Document(prefix + i, texts[i]));
        }
        return documents;
    }

    private static Annotation gold(Document document, Object... phraseAndType) {
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < phraseAndType.length; i += 2) {
            String phrase = (String) phraseAndType[i];
            int at = document.text().indexOf(phrase);
            entities.add(Entity.of(document.text(), at, at + phrase.length(), (EntityType) phraseAndType[i + 1]));
        }
        return new Annotation(document, entities, Annotation.GOLD);
    }

    private final List<Document> unlabeled = notes("u", "metformin for diabetes", "aspirin daily", "asthma, no aspirin", "nothing here");
    private final Document testNote = new Document("t0", "asthma treated; metformin stopped");
    private final List<Annotation> goldTest = List.of(gold(testNote, "asthma", DIS, "metformin", MED));

    private Distillation.Builder configured() {
        return configured(Set.of(MED, DIS));
    }

    private Distillation.Builder configured(Set<EntityType> types) {
        return Distillation.builder(types, trainer, out)
                .addTeacher(drugs)
                .addTeacher(diseases)
                .test(goldTest)
                .evaluator(new ExactMatchEvaluator())
                .labellingBatchSize(2);
    }

    @Test
    void should_name_every_missing_part_when_building_an_empty_configuration() {
        assertThatThrownBy(() -> Distillation.builder(Set.of(), trainer, out).test(goldTest).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot build the distillation: ")
                .hasMessageContaining("no teacher")
                .hasMessageContaining("entityTypes must not be empty")
                .hasMessageContaining("no evaluator")
                .hasMessageEndingWith("(3 problems)");
    }

    @Test
    void should_reject_duplicate_and_reserved_teacher_names_when_building() {
        assertThatThrownBy(() -> configured().addTeacher(new PhraseTeacher("drugs", Map.of()))
                .addTeacher(new PhraseTeacher("student", Map.of())).build())
                .hasMessageContaining("teacher name 'drugs' is used twice")
                .hasMessageContaining("teacher name 'student' is reserved");
    }

    @Test
    void should_tell_teachers_and_trainers_the_entity_types_when_they_were_given_none() {
        // given: a teacher and a trainer that answer for the types they are told
        Map<String, Set<EntityType>> told = new java.util.concurrent.ConcurrentHashMap<>();
        io.github.meddistill.core.Teacher untold = new io.github.meddistill.core.Teacher() {
            @Override
            public String name() {
                return "untold";
            }

            @Override
            public Annotation annotate(Document document) {
                return diseases.annotate(document);
            }

            @Override
            public io.github.meddistill.core.Teacher forEntityTypes(Set<EntityType> types) {
                told.put("teacher", types);
                return this;
            }
        };
        io.github.meddistill.core.StudentTrainer recording = new io.github.meddistill.core.StudentTrainer() {
            @Override
            public io.github.meddistill.core.Student train(List<Annotation> training, List<Annotation> development) {
                return trainer.train(training, development);
            }

            @Override
            public io.github.meddistill.core.StudentTrainer forEntityTypes(Set<EntityType> types) {
                told.put("trainer", types);
                return this;
            }
        };

        // when
        Distillation.builder(Set.of(DIS), recording, out).addTeacher(untold).build();

        // then
        assertThat(told).containsEntry("teacher", Set.of(DIS)).containsEntry("trainer", Set.of(DIS));
    }

    @Test
    void should_build_the_same_distillation_twice_when_the_builder_is_reused() {
        // given
        Distillation.Builder builder = configured();

        // when
        Distillation first = builder.build();
        Distillation second = builder.addTeacher(new PhraseTeacher("more", Map.of())).build();

        // then: the first keeps its two teachers, and a broken builder keeps failing the same way
        try (DistillationResult result = first.run(unlabeled)) {
            assertThat(result.teacherAnnotations()).containsOnlyKeys("drugs", "diseases");
        }
        assertThat(second).isNotSameAs(first);
        Distillation.Builder broken = Distillation.builder(Set.of(DIS), trainer, out);
        assertThatThrownBy(broken::build).hasMessage("cannot build the distillation: no teacher: call addTeacher(...)");
        assertThatThrownBy(broken::build).hasMessage("cannot build the distillation: no teacher: call addTeacher(...)");
    }

    @Test
    void should_label_combine_train_and_evaluate_when_run_end_to_end() {
        try (DistillationResult result = configured().build().run(unlabeled)) {
            assertThat(result.teacherAnnotations()).containsOnlyKeys("drugs", "diseases");
            assertThat(result.trainingLabels()).hasSize(4);
            assertThat(result.trainingLabels().get(0).entities()).extracting(Entity::text).containsExactly("metformin", "diabetes");
            assertThat(result.student().extract("asthma and metformin")).extracting(Entity::type).containsExactly(DIS, MED);
            assertThat(result.testRuns()).extracting(SystemRun::name, SystemRun::role).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("drugs", SystemRole.TEACHER),
                    org.assertj.core.groups.Tuple.tuple("diseases", SystemRole.TEACHER),
                    org.assertj.core.groups.Tuple.tuple("combination", SystemRole.COMBINATION),
                    org.assertj.core.groups.Tuple.tuple("student", SystemRole.STUDENT));
            assertThat(result.evaluation()).get().extracting(Evaluation::summaryTable).asString()
                    .contains("student 2/2").contains("drugs 1/2").contains("combination 2/2");
            assertThat(out.resolve("report.txt")).exists();
            assertThat(out.resolve("labels/drugs/train.jsonl")).exists();
            assertThat(out.resolve("students/student/.complete")).exists();
        }
    }

    @Test
    void should_reuse_labels_and_student_when_run_again_on_the_same_output() {
        configured().build().run(unlabeled).close();
        int labelledFirst = drugs.annotated.get();

        try (DistillationResult again = configured().build().run(unlabeled)) {
            assertThat(drugs.annotated.get()).isEqualTo(labelledFirst);
            assertThat(trainer.trainings.get()).isEqualTo(1);
            assertThat(again.student().extract("metformin")).hasSize(1);
        }
    }

    @Test
    void should_remove_the_copies_a_killed_save_left_when_run_again() throws IOException {
        // given: a run killed while saving the student left its hidden folder, and one killed while replacing it
        Path students = out.resolve("students");
        Files.createDirectories(students.resolve(".student.0123456789abcdef.partial/deep"));
        Files.writeString(students.resolve(".student.0123456789abcdef.partial/deep/model.safetensors"), "half");
        Files.writeString(students.resolve(".student.fedcba9876543210.partial"), "half");
        Files.writeString(students.resolve(".student-notes"), "the user's own");

        // when
        configured().build().run(unlabeled).close();

        // then
        try (java.util.stream.Stream<Path> left = Files.list(students)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("student", ".student-notes");
        }
    }

    @Test
    void should_train_the_student_again_when_the_trainer_configuration_changed_since_it_was_saved() {
        configured().build().run(unlabeled).close();
        trainer.configuration = "another encoder";

        configured().build().run(unlabeled).close();
        configured().build().run(unlabeled).close();

        assertThat(trainer.trainings.get()).isEqualTo(2);
    }

    @Test
    void should_train_the_student_again_when_its_training_labels_changed_since_it_was_saved() {
        configured().build().run(unlabeled).close();

        try (DistillationResult again = configured(Set.of(MED)).build().run(unlabeled)) {
            assertThat(trainer.trainings.get()).isEqualTo(2);
            assertThat(again.student().extract("asthma and metformin")).extracting(Entity::type).containsExactly(MED);
        }
    }

    @Test
    void should_keep_the_old_labels_aside_and_relabel_when_a_teacher_configuration_changed() throws IOException {
        configured().build().run(unlabeled).close();
        int labelledFirst = drugs.annotated.get();
        int diseasesFirst = diseases.annotated.get();
        List<String> firstJournal = Files.readAllLines(out.resolve("labels/drugs/train.jsonl"), StandardCharsets.UTF_8);
        drugs.configuration = "lexicon v2";

        configured().build().run(unlabeled).close();

        assertThat(drugs.annotated.get()).isEqualTo(2 * labelledFirst);
        assertThat(diseases.annotated.get()).isEqualTo(diseasesFirst);
        try (var aside = Files.list(out.resolve("labels/drugs"))) {
            Path superseded = aside.filter(p -> p.getFileName().toString().startsWith("superseded-")).findFirst()
                    .orElseThrow();
            assertThat(Files.readAllLines(superseded.resolve("train.jsonl"), StandardCharsets.UTF_8))
                    .isEqualTo(firstJournal);
        }
    }

    @Test
    void should_use_the_labels_set_aside_again_when_a_teacher_returns_to_an_earlier_configuration() {
        configured().build().run(unlabeled).close();
        drugs.configuration = "lexicon v2";
        configured().build().run(unlabeled).close();
        int labelled = drugs.annotated.get();
        drugs.configuration = "";

        configured().build().run(unlabeled).close();

        assertThat(drugs.annotated.get()).isEqualTo(labelled);
    }

    @Test
    void should_relabel_only_the_torn_note_when_the_journal_ends_mid_line() throws IOException {
        configured().build().run(unlabeled).close();
        Path journal = out.resolve("labels/drugs/train.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.length() / 2));
        Files.writeString(journal, String.join("\n", lines), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        int before = drugs.annotated.get();

        configured().build().run(unlabeled).close();
        configured().build().run(unlabeled).close();

        assertThat(drugs.annotated.get() - before).isEqualTo(1);
        assertThat(Files.readAllLines(journal, StandardCharsets.UTF_8)).hasSize(4);
    }

    @Test
    void should_relabel_a_note_when_its_text_changed_since_it_was_labelled() {
        configured().build().run(unlabeled).close();
        int before = drugs.annotated.get();
        List<Document> edited = new ArrayList<>(unlabeled);
        edited.set(3, new Document("u3", "now on aspirin"));

        try (DistillationResult result = configured().build().run(edited)) {
            assertThat(drugs.annotated.get() - before).isEqualTo(1);
            assertThat(result.teacherAnnotations().get("drugs").get(3).entities()).extracting(Entity::text).containsExactly("aspirin");
        }
    }

    @Test
    void should_apply_a_different_teacher_subset_per_type_when_the_selector_says_so() {
        AtomicReference<List<Annotation>> seenGold = new AtomicReference<>();
        CombinationSelector perType = (dev, gold, types) -> {
            seenGold.set(gold);
            return new CombinationPlan(Map.of(
                    MED, new TypeCombination(MED, List.of("drugs", "diseases"), new IntersectionCombiner(), OptionalDouble.of(0.5)),
                    DIS, new TypeCombination(DIS, List.of("diseases"), new IntersectionCombiner(), OptionalDouble.empty())));
        };
        Document devNote = new Document("d0", "aspirin for asthma");
        try (DistillationResult result = configured().combination(perType)
                .development(List.of(gold(devNote, "aspirin", MED))).build().run(unlabeled)) {
            assertThat(seenGold.get()).hasSize(1);
            assertThat(result.trainingLabels().get(0).entities()).extracting(Entity::text).containsExactly("diabetes");
            assertThat(result.trainingLabels().get(2).entities()).extracting(Entity::text).containsExactly("asthma", "aspirin");
            assertThat(result.combination().describe()).contains("MEDICATION: intersection(drugs, diseases) (dev F1 0.500)");
        }
    }

    @Test
    void should_train_a_gold_student_when_gold_training_labels_are_given() {
        Document trainNote = new Document("g0", "ibuprofen helps");
        try (DistillationResult result = configured().goldTraining(List.of(gold(trainNote, "ibuprofen", MED)))
                .build().run(unlabeled)) {
            assertThat(result.goldStudent()).isPresent();
            assertThat(result.goldStudent().get().extract("ibuprofen")).hasSize(1);
            assertThat(result.testRuns()).extracting(SystemRun::role).contains(SystemRole.GOLD_STUDENT);
        }
    }

    @Test
    void should_train_the_gold_student_with_its_own_trainer_when_one_is_given() {
        MemorisingStudentTrainer goldTrainer = new MemorisingStudentTrainer();
        Document trainNote = new Document("g0", "ibuprofen helps");
        try (DistillationResult result = configured().goldTraining(List.of(gold(trainNote, "ibuprofen", MED)))
                .goldStudentTrainer(goldTrainer).build().run(unlabeled)) {
            assertThat(result.goldStudent()).isPresent();
        }
        assertThat(goldTrainer.trainings).hasValue(1);
        assertThat(trainer.trainings).hasValue(1);
    }

    @Test
    void should_label_uses_of_defined_abbreviations_in_teacher_labels_but_journal_the_teachers_own_when_asked()
            throws IOException {
        List<Document> notes = notes("a", "known asthma (AS) and AS again");
        Document test = new Document("t0", "asthma (AS); AS");

        try (DistillationResult result = configured().test(List.of(gold(test, "asthma", DIS)))
                .propagateAbbreviations(true).build().run(notes)) {
            assertThat(result.trainingLabels().get(0).entities()).extracting(Entity::text)
                    .containsExactly("asthma", "AS", "AS");
            assertThat(result.testRuns().get(1).predictions().get(0).entities()).extracting(Entity::text)
                    .containsExactly("asthma", "AS", "AS");
        }
        assertThat(Files.readString(out.resolve("labels/diseases/train.jsonl"))).contains("[6,12,")
                .doesNotContain("[14,16,");
    }

    @Test
    void should_reject_an_empty_list_of_unlabeled_documents() {
        assertThatThrownBy(() -> configured().build().run(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    private Distillation.Builder selfTraining(CoordinationStudentTrainer coordination) {
        Document dev = new Document("d0", "bronchitis; gastritis");
        return Distillation.builder(Set.of(DIS), coordination, out)
                .addTeacher(new PhraseTeacher("asthma-only", Map.of("asthma", DIS)))
                .development(List.of(gold(dev, "bronchitis", DIS, "gastritis", DIS)))
                .labellingBatchSize(2)
                .selfTrainingRounds(5);
    }

    @Test
    void should_add_the_students_own_mentions_round_by_round_while_dev_f1_rises_when_self_training() {
        CoordinationStudentTrainer coordination = new CoordinationStudentTrainer();
        List<Document> notes = notes("s", "asthma and bronchitis", "bronchitis and gastritis", "nothing here");

        try (DistillationResult result = selfTraining(coordination).build().run(notes)) {
            assertThat(result.selfTraining()).extracting(SelfTrainingRound::round, SelfTrainingRound::addedMentions,
                    SelfTrainingRound::kept).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, 0, true),
                    org.assertj.core.groups.Tuple.tuple(2, 1, true),
                    org.assertj.core.groups.Tuple.tuple(3, 3, true),
                    org.assertj.core.groups.Tuple.tuple(4, 3, false));
            assertThat(result.selfTraining()).extracting(SelfTrainingRound::devF1)
                    .containsExactly(0.0, 2.0 / 3, 1.0, 1.0);
            assertThat(result.student().extract("gastritis")).extracting(Entity::text).containsExactly("gastritis");
            assertThat(out.resolve("labels/self-training-1/train.jsonl")).exists();
            assertThat(out.resolve("students/student-round-3/.complete")).exists();
        }
        assertThat(coordination.trainings.get()).isEqualTo(4);

        // a rerun resumes: every round's labels and student are reused
        try (DistillationResult again = selfTraining(coordination).build().run(notes)) {
            assertThat(again.selfTraining()).hasSize(4);
        }
        assertThat(coordination.trainings.get()).isEqualTo(4);
    }

    @Test
    void should_score_the_kept_self_trained_student_on_the_test_notes_when_self_training() {
        // given: only the round-3 student finds gastritis; the first one finds asthma alone
        List<Document> notes = notes("s", "asthma and bronchitis", "bronchitis and gastritis", "nothing here");
        Document note = new Document("t0", "asthma; gastritis");
        Distillation.Builder builder = selfTraining(new CoordinationStudentTrainer())
                .test(List.of(gold(note, "asthma", DIS, "gastritis", DIS))).evaluator(new ExactMatchEvaluator());

        // when
        try (DistillationResult result = builder.build().run(notes)) {
            // then
            SystemRun student = result.testRuns().stream().filter(run -> run.role() == SystemRole.STUDENT)
                    .findFirst().orElseThrow();
            assertThat(student.predictions().get(0).entities()).extracting(Entity::text)
                    .containsExactly("asthma", "gastritis");
        }
    }

    @Test
    void should_stop_adding_a_types_student_mentions_when_a_round_lowers_its_dev_f1() {
        // given a student that takes the word after "X and" for X's type: right for diseases, wrong for "water"
        CoordinationStudentTrainer coordination = new CoordinationStudentTrainer();
        List<Document> notes = notes("s", "asthma and bronchitis", "aspirin and water");
        Document dev = new Document("d0", "bronchitis; aspirin; water");
        Distillation.Builder builder = Distillation.builder(Set.of(DIS, MED), coordination, out)
                .addTeacher(new PhraseTeacher("lexicon", Map.of("asthma", DIS, "aspirin", MED)))
                .development(List.of(gold(dev, "bronchitis", DIS, "aspirin", MED)))
                .selfTrainingRounds(3);

        // when
        try (DistillationResult result = builder.build().run(notes)) {
            // then round 2 adds bronchitis (DISEASE up) and water (MEDICATION down); round 3 adds diseases only
            assertThat(result.selfTraining()).extracting(SelfTrainingRound::round, SelfTrainingRound::joinedTypes,
                    SelfTrainingRound::devF1, SelfTrainingRound::kept).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, Set.of(), 2.0 / 3, true),
                    org.assertj.core.groups.Tuple.tuple(2, Set.of(DIS, MED), 0.8, true),
                    org.assertj.core.groups.Tuple.tuple(3, Set.of(DIS), 1.0, true),
                    org.assertj.core.groups.Tuple.tuple(4, Set.of(DIS), 1.0, false));
            assertThat(result.selfTraining().get(1).devF1ByType()).containsEntry(DIS, 1.0).containsEntry(MED, 2.0 / 3);
            assertThat(result.student().extract("water")).isEmpty();
        }
    }

    @Test
    void should_go_on_with_the_types_a_dropped_round_raised_when_it_lowers_the_overall_dev_f1() {
        // given: round 2 adds bronchitis (DISEASE up) and three wrong drugs (MEDICATION and the overall F1 down)
        CoordinationStudentTrainer coordination = new CoordinationStudentTrainer();
        List<Document> notes = notes("s", "asthma and bronchitis", "aspirin and water", "aspirin and salt",
                "aspirin and sugar");
        Document dev = new Document("d0", "bronchitis; aspirin; water; salt; sugar");
        Distillation.Builder builder = Distillation.builder(Set.of(DIS, MED), coordination, out)
                .addTeacher(new PhraseTeacher("lexicon", Map.of("asthma", DIS, "aspirin", MED)))
                .development(List.of(gold(dev, "bronchitis", DIS, "aspirin", MED)))
                .selfTrainingRounds(3);

        // when
        try (DistillationResult result = builder.build().run(notes)) {
            // then round 2 is dropped, round 3 adds the first student's diseases only and is kept
            assertThat(result.selfTraining()).extracting(SelfTrainingRound::round, SelfTrainingRound::joinedTypes,
                    SelfTrainingRound::devF1, SelfTrainingRound::kept).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, Set.of(), 2.0 / 3, true),
                    org.assertj.core.groups.Tuple.tuple(2, Set.of(DIS, MED), 4.0 / 7, false),
                    org.assertj.core.groups.Tuple.tuple(3, Set.of(DIS), 1.0, true),
                    org.assertj.core.groups.Tuple.tuple(4, Set.of(DIS), 1.0, false));
            assertThat(result.student().extract("bronchitis; water")).extracting(Entity::text)
                    .containsExactly("bronchitis");
        }
    }

    @Test
    void should_weigh_each_training_mention_by_the_dev_precision_of_its_teachers_when_reliability_weights()
            throws IOException {
        // given: on dev, the drug that only one teacher names is wrong and the one both name is right
        Document devNote = new Document("d0", "metformin or aspirin for asthma");
        List<Annotation> dev = List.of(gold(devNote, "aspirin", MED, "asthma", DIS));
        // when
        try (DistillationResult result = configured().development(dev).reliabilityWeights(true).build()
                .run(unlabeled)) {
            // then: smoothed toward the type's precision (1 of 2 drugs right) with 5 mentions
            Annotation first = result.trainingLabels().get(0);
            Entity metformin = first.entities().stream().filter(e -> e.text().equals("metformin")).findFirst()
                    .orElseThrow();
            Entity diabetes = first.entities().stream().filter(e -> e.text().equals("diabetes")).findFirst()
                    .orElseThrow();
            Annotation second = result.trainingLabels().get(1);
            MentionConfidences seen = trainer.lastConfidences;
            assertThat(seen.of(first.documentId(), metformin)).isCloseTo((0 + 5 * 0.5) / 6, within(1e-9));
            assertThat(seen.of(second.documentId(), second.entities().get(0))).isCloseTo((1 + 5 * 0.5) / 6,
                    within(1e-9));
            assertThat(seen.of(first.documentId(), diabetes)).isEqualTo(1.0);
            // and the student that keeps only likely mentions no longer finds metformin
            assertThat(result.student().extract("metformin and aspirin")).extracting(Entity::text)
                    .containsExactly("aspirin");
            assertThat(Files.readString(out.resolve("reliability-weights.txt")))
                    .contains("MEDICATION: dev precision 0.500", "drugs: 1 mentions, 0 right, confidence 0.417",
                            "diseases+drugs: 1 mentions, 1 right, confidence 0.583");
        }
    }

    @Test
    void should_require_a_development_set_and_a_trainer_that_weighs_mentions_when_reliability_weights() {
        assertThatThrownBy(() -> configured().reliabilityWeights(true).build())
                .hasMessageContaining("reliability weights need development documents");
        StudentTrainer plain = (training, development) -> trainer.train(training, development);
        assertThatThrownBy(() -> Distillation.builder(Set.of(MED), plain, out).addTeacher(drugs)
                .reliabilityWeights(true)
                .development(List.of(gold(new Document("d0", "aspirin"), "aspirin", MED))).build())
                .hasMessageContaining("reliability weights need a student trainer that weighs mentions by confidence");
    }

    @Test
    void should_train_the_mentions_a_vote_left_out_as_unknown_when_unknown_mentions() {
        // given: metformin is named by one of the two teachers, so the medication intersection leaves it out
        CombinationSelector intersection = (dev, gold, types) -> new CombinationPlan(Map.of(
                MED, new TypeCombination(MED, List.of("drugs", "diseases"), new IntersectionCombiner(),
                        OptionalDouble.empty()),
                DIS, new TypeCombination(DIS, List.of("diseases"), new IntersectionCombiner(), OptionalDouble.empty())));
        // when
        try (DistillationResult result = configured().combination(intersection).unknownMentions(true).build()
                .run(unlabeled)) {
            // then: the trainer sees it with confidence 0, the combination's own labels stay without it
            Annotation first = result.trainingLabels().get(0);
            assertThat(first.entities()).extracting(Entity::text).containsExactly("diabetes");
            Entity metformin = Entity.of(first.document().text(), 0, "metformin".length(), MED);
            assertThat(trainer.lastConfidences.of(first.documentId(), metformin)).isZero();
            assertThat(trainer.lastConfidences.of(first.documentId(), first.entities().get(0))).isEqualTo(1.0);
            assertThat(result.student().extract("metformin and aspirin")).extracting(Entity::text)
                    .containsExactly("aspirin");
        }
    }

    @Test
    void should_require_a_trainer_that_weighs_mentions_when_unknown_mentions() {
        StudentTrainer plain = (training, development) -> trainer.train(training, development);
        assertThatThrownBy(() -> Distillation.builder(Set.of(MED), plain, out).addTeacher(drugs)
                .unknownMentions(true).build())
                .hasMessageContaining("unknown mentions need a student trainer that weighs mentions by confidence");
    }

    @Test
    void should_require_a_development_set_when_self_training() {
        assertThatThrownBy(() -> configured().selfTrainingRounds(2).build())
                .hasMessageContaining("self-training needs development documents");
        assertThatThrownBy(() -> configured().selfTrainingRounds(-1).build())
                .hasMessageContaining("selfTrainingRounds must not be negative: -1");
    }
}
