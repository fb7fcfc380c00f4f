package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.Safetensors;

class BertStudentTrainerTest {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);

    private static final List<Annotation> TRAINING = SyntheticNotes.generate(48, 1);
    private static final List<Annotation> DEVELOPMENT = SyntheticNotes.generate(12, 2);

    private static final List<TrainingListener.Epoch> EPOCHS = new ArrayList<>();
    private static final List<TrainingListener.Step> STEPS = new ArrayList<>();
    private static BertStudent student;

    @BeforeAll
    static void train() {
        BertStudentTrainer trainer = BertStudentTrainer.builder()
                .encoder(EncoderSource.random(TINY))
                .learningRate(3e-3)
                .warmupFraction(0.1)
                .epochs(8)
                .patience(8)
                .batchSize(8)
                .devices("cpu")
                .seed(7)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        STEPS.add(step);
                    }

                    @Override
                    public void onEpoch(Epoch epoch) {
                        EPOCHS.add(epoch);
                    }
                })
                .build();
        student = trainer.train(TRAINING, DEVELOPMENT);
    }

    @Test
    void should_lower_the_loss_and_find_valid_spans_when_training_a_tiny_encoder() {
        assertThat(EPOCHS).hasSize(8);
        assertThat(EPOCHS.get(7).meanLoss()).isLessThan(EPOCHS.get(0).meanLoss() * 0.5);
        assertThat(EPOCHS).allSatisfy(e -> assertThat(e.devF1()).isPresent());
        assertThat(EPOCHS.stream().mapToDouble(e -> e.devF1().getAsDouble()).max().getAsDouble()).isGreaterThan(0.5);
        assertThat(STEPS).isNotEmpty().allSatisfy(s -> assertThat(s.sequencesPerSecond()).isPositive());
        assertThat(STEPS.get(STEPS.size() - 1).step()).isEqualTo(STEPS.get(0).totalSteps());

        Annotation note = DEVELOPMENT.get(0);
        List<Entity> found = student.extract(note.document().text());
        assertThat(found).allSatisfy(e -> assertThat(note.document().text().substring(e.start(), e.end()))
                .isEqualTo(e.text()));
        assertThat(student.entityTypes()).containsExactlyInAnyOrder(EntityType.DISEASE, EntityType.MEDICATION);
        assertThat(student.tags()).containsExactly("O", "B-DISEASE", "I-DISEASE", "B-MEDICATION", "I-MEDICATION");
    }

    @Test
    void should_give_identical_predictions_when_saved_and_loaded(@TempDir Path dir) throws Exception {
        // given
        List<String> texts = DEVELOPMENT.stream().map(a -> a.document().text()).toList();
        List<List<Entity>> before = student.extractAll(texts);

        // when
        student.save(dir);
        List<List<Entity>> after;
        try (BertStudent loaded = BertStudent.load(dir, Device.cpu())) {
            after = loaded.extractAll(texts);
            assertThat(loaded.tags()).isEqualTo(student.tags());
            assertThat(loaded.entityBias()).isEqualTo(student.entityBias());
        }

        // then
        assertThat(after).isEqualTo(before);
        assertThat(dir.resolve("tokenizer.json")).exists();
        String config = Files.readString(dir.resolve("config.json"));
        assertThat(config).contains("\"id2label\"", "\"B-DISEASE\"", "BertForTokenClassification",
                "\"segmentation\" : \"SENTENCE\"", "\"propagate_abbreviations\" : false",
                "\"entity_bias\" : {");
        byte[] file = Files.readAllBytes(dir.resolve("model.safetensors"));
        int headerLength = (int) java.nio.ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 8, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).contains("bert.embeddings.word_embeddings.weight", "classifier.weight",
                "bert.encoder.layer.1.output.LayerNorm.bias");
    }

    @Test
    void should_predict_the_same_entities_on_onnx_runtime_when_exported_to_onnx(@TempDir Path dir) {
        // given
        List<String> texts = DEVELOPMENT.stream().map(a -> a.document().text()).toList();
        student.save(dir);
        student.exportOnnx(dir.resolve("model.onnx"));

        // when
        List<List<Entity>> onnx;
        try (OnnxStudent loaded = OnnxStudent.load(dir)) {
            onnx = loaded.extractAll(texts);
            assertThat(loaded.entityTypes()).isEqualTo(student.entityTypes());
        }

        // then
        assertThat(onnx).isEqualTo(student.extractAll(texts));
        assertThat(onnx.stream().mapToInt(List::size).sum()).isPositive();
    }

    @Test
    void should_extract_the_same_entities_on_every_engine_when_loaded_by_the_student_loader(@TempDir Path dir) {
        // given: the saved student, and what PyTorch finds in it one note per call
        List<String> texts = DEVELOPMENT.stream().map(a -> a.document().text()).toList();
        student.save(dir);
        List<List<Entity>> expected = texts.stream().map(student::extract).toList();

        // when: the default loader (packed ONNX graph written in memory) and the PyTorch one
        List<List<Entity>> onnxOneByOne;
        List<List<Entity>> onnxBatched;
        List<List<Entity>> pytorch;
        try (io.github.meddistill.core.Student onnx = StudentLoader.defaults().load(dir);
                io.github.meddistill.core.Student torch = StudentLoader.builder().engine(InferenceEngine.PYTORCH)
                        .build().load(dir)) {
            assertThat(onnx).isInstanceOf(OnnxStudent.class);
            assertThat(torch).isInstanceOf(BertStudent.class);
            onnxOneByOne = texts.stream().map(onnx::extract).toList();
            onnxBatched = onnx.extractAll(texts);
            pytorch = torch.extractAll(texts);
        }

        // then
        assertThat(expected.stream().mapToInt(List::size).sum()).isPositive();
        assertThat(onnxOneByOne).isEqualTo(expected);
        assertThat(onnxBatched).isEqualTo(expected);
        assertThat(pytorch).isEqualTo(expected);
    }

    @Test
    void should_find_nearly_the_same_entities_when_loaded_with_int8_products(@TempDir Path dir) {
        // given
        List<String> texts = DEVELOPMENT.stream().map(a -> a.document().text()).toList();
        student.save(dir);
        List<Entity> expected = student.extractAll(texts).stream().flatMap(List::stream).toList();

        // when
        List<Entity> int8;
        try (io.github.meddistill.core.Student loaded = StudentLoader.builder().precision(Precision.INT8).build()
                .load(dir)) {
            int8 = loaded.extractAll(texts).stream().flatMap(List::stream).toList();
        }

        // then: most entities agree exactly (the benchmark measures the F1 change on real corpora)
        long same = int8.stream().filter(expected::contains).count();
        assertThat((double) same / Math.max(expected.size(), int8.size())).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void should_name_the_setting_when_int8_is_asked_of_pytorch() {
        assertThatThrownBy(() -> StudentLoader.builder().engine(InferenceEngine.PYTORCH).precision(Precision.INT8)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT8")
                .hasMessageContaining("PYTORCH");
        assertThatThrownBy(() -> StudentLoader.builder().intraOpThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intraOpThreads");
        assertThat(StudentLoader.defaults().engine()).isEqualTo(InferenceEngine.ONNX_RUNTIME);
        assertThat(StudentLoader.defaults().precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void should_extract_the_same_entities_when_called_from_several_threads() throws Exception {
        List<String> texts = DEVELOPMENT.stream().map(a -> a.document().text()).toList();
        List<List<Entity>> expected = student.extractAll(texts);

        List<Thread> threads = new ArrayList<>();
        List<List<List<Entity>>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> results.add(texts.stream().map(student::extract).toList()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r).isEqualTo(expected));
    }

    @Test
    void should_train_the_same_student_when_every_mention_is_certain_and_another_when_some_are_unsure(
            @TempDir Path dir) {
        // given
        List<Annotation> notes = TRAINING.subList(0, 16);
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                .entityTypes(List.of(EntityType.DISEASE, EntityType.MEDICATION)).epochs(1).batchSize(8)
                .devices("cpu").seed(11).build();
        // when: the drug mentions are given confidence 1, 0.5 and 0 (not taught at all, neither drug nor outside)
        try (BertStudent plain = trainer.train(notes, List.of());
             BertStudent certain = trainer.train(notes, List.of(), drugConfidences(notes, 1.0));
             BertStudent half = trainer.train(notes, List.of(), drugConfidences(notes, 0.5));
             BertStudent unknown = trainer.train(notes, List.of(), drugConfidences(notes, 0.0));
             BertStudent outside = trainer.train(notes.stream().map(a -> a.onlyType(EntityType.DISEASE)).toList(),
                     List.of(), MentionConfidences.NONE)) {
            for (var saved : Map.of("plain", plain, "certain", certain, "half", half, "unknown", unknown,
                    "outside", outside).entrySet()) {
                saved.getValue().save(dir.resolve(saved.getKey()));
            }
        }
        // then: confidence 1 is the plain run bit for bit; 0.5 differs from it, and 0 differs from teaching outside
        assertThat(WeightDifference.between(dir.resolve("plain"), dir.resolve("certain")).differing()).isZero();
        assertThat(WeightDifference.between(dir.resolve("plain"), dir.resolve("half")).differing()).isPositive();
        assertThat(WeightDifference.between(dir.resolve("unknown"), dir.resolve("outside")).differing()).isPositive();
    }

    private static MentionConfidences drugConfidences(List<Annotation> notes, double confidence) {
        Map<String, Map<Entity, Double>> byDocument = new java.util.HashMap<>();
        for (Annotation note : notes) {
            Map<Entity, Double> drugs = new java.util.HashMap<>();
            note.entities().stream().filter(e -> e.type().equals(EntityType.MEDICATION))
                    .forEach(e -> drugs.put(e, confidence));
            byDocument.put(note.documentId(), drugs);
        }
        return new MentionConfidences(byDocument);
    }

    @Test
    void should_name_the_bad_field_when_the_builder_is_misconfigured() {
        assertThatThrownBy(() -> BertStudentTrainer.builder().stride(200).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride=200");
        assertThatThrownBy(() -> BertStudentTrainer.builder().learningRate(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> BertStudentTrainer.builder().outsideWeight(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outsideWeight");
        assertThatThrownBy(() -> BertStudentTrainer.builder().devices("tpu").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tpu");
        assertThatThrownBy(() -> BertStudentTrainer.builder().entityRatioWeight(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entityRatioWeight");
        assertThatThrownBy(() -> BertStudentTrainer.builder().minSteps(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSteps must not be negative: -1");
    }

    @Test
    void should_list_every_bad_setting_in_one_exception_when_several_are_misconfigured() {
        assertThatThrownBy(() -> BertStudentTrainer.builder().learningRate(0).epochs(0).batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot build the student trainer: learningRate")
                .hasMessageContaining("epochs must be at least 1: 0").hasMessageEndingWith("(3 problems)");
    }

    @Test
    void should_train_for_the_pipelines_types_when_told_them_and_built_without_types() {
        BertStudentTrainer untyped = BertStudentTrainer.builder().build();
        BertStudentTrainer typed = BertStudentTrainer.builder().entityTypes(List.of(EntityType.DISEASE)).build();

        assertThat(untyped.forEntityTypes(Set.of(EntityType.MEDICATION)).configuration())
                .isEqualTo(BertStudentTrainer.builder().entityTypes(List.of(EntityType.MEDICATION)).build().configuration());
        assertThat(typed.forEntityTypes(Set.of(EntityType.MEDICATION))).isSameAs(typed);
    }

    @Test
    void should_describe_the_configuration_as_before_when_a_later_setting_keeps_its_default() {
        String base = BertStudentTrainer.builder().build().configuration();

        assertThat(BertStudentTrainer.builder().entityRatioWeight(0).build().configuration()).isEqualTo(base)
                .doesNotContain("entityRatioWeight");
        assertThat(BertStudentTrainer.builder().entityRatioWeight(10).build().configuration())
                .isEqualTo(base + "\nentityRatioWeight=10.0");
        assertThat(BertStudentTrainer.builder().minSteps(0).build().configuration()).isEqualTo(base);
        assertThat(BertStudentTrainer.builder().minSteps(128).build().configuration())
                .isEqualTo(base + "\nminSteps=128");
    }

    @Test
    void should_train_on_every_labelled_sentence_and_a_share_of_the_others_when_unlabelled_share_is_below_one() {
        // given: one-sentence notes, 4 with a labelled drug and 6 without any label; one sequence per step
        List<Annotation> training = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String text = "Patient " + i + " took aspirin daily.";
            int start = text.indexOf("aspirin");
            training.add(new Annotation(new io.github.meddistill.core.Document("l" + i, text),
                    List.of(Entity.of(text, start, start + "aspirin".length(), EntityType.MEDICATION)), "teacher"));
        }
        for (int i = 0; i < 6; i++) {
            training.add(new Annotation(new io.github.meddistill.core.Document("u" + i, "The weather was fine " + i
                    + "."), List.of(), "teacher"));
        }
        List<TrainingSummary> all = new ArrayList<>();
        List<TrainingSummary> half = new ArrayList<>();

        // when
        try (BertStudent every = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).epochs(2)
                .batchSize(1).devices("cpu").seed(3).listener(summaryListener(all)).build().train(training, List.of());
             BertStudent sampled = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).epochs(2)
                .batchSize(1).unlabelledShare(0.5).devices("cpu").seed(3).listener(summaryListener(half)).build()
                .train(training, List.of())) {
            // then: 10 sequences per epoch against 4 + 3
            assertThat(all).singleElement().satisfies(summary -> assertThat(summary.steps()).isEqualTo(20));
            assertThat(half).singleElement().satisfies(summary -> assertThat(summary.steps()).isEqualTo(14));
        }
        assertThat(BertStudentTrainer.builder().unlabelledShare(1).build().configuration())
                .isEqualTo(BertStudentTrainer.builder().build().configuration());
        assertThat(BertStudentTrainer.builder().unlabelledShare(0.25).build().configuration())
                .endsWith("\nunlabelledShare=0.25");
        assertThatThrownBy(() -> BertStudentTrainer.builder().unlabelledShare(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unlabelledShare must be in (0, 1]: 0.0");
    }

    @Test
    void should_apply_every_step_and_learn_otherwise_than_cross_entropy_when_positive_unlabelled(@TempDir Path dir)
            throws Exception {
        // given: the same seed and data, strict numerics (a non-finite step fails the run)
        List<TrainingSummary> summaries = new ArrayList<>();
        BertStudentTrainer.Builder builder = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                .epochs(1).batchSize(8).outsideWeight(0.3).devices("cpu").seed(3).strictNumerics(true);

        // when
        try (BertStudent plain = builder.build().train(TRAINING.subList(0, 16), DEVELOPMENT);
             BertStudent pu = builder.positiveUnlabelled(true).listener(summaryListener(summaries)).build()
                     .train(TRAINING.subList(0, 16), DEVELOPMENT)) {
            plain.save(dir.resolve("plain"));
            pu.save(dir.resolve("pu"));
        }

        // then
        assertThat(summaries).singleElement().satisfies(summary -> {
            assertThat(summary.appliedSteps()).isEqualTo(summary.steps()).isPositive();
            assertThat(summary.maxWeightChange()).isPositive();
        });
        String classifier = "classifier.weight";
        assertThat(Safetensors.read(dir.resolve("pu/model.safetensors")).get(classifier).values())
                .isNotEqualTo(Safetensors.read(dir.resolve("plain/model.safetensors")).get(classifier).values());
        assertThat(builder.build().configuration()).endsWith("\npositiveUnlabelled=true");
        assertThat(BertStudentTrainer.builder().positiveUnlabelled(false).build().configuration())
                .isEqualTo(BertStudentTrainer.builder().build().configuration());
    }

    @Test
    void should_refuse_the_positive_unlabelled_risk_when_there_is_no_development_gold() {
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).devices("cpu")
                .positiveUnlabelled(true).build();

        assertThatThrownBy(() -> trainer.train(TRAINING.subList(0, 4), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positiveUnlabelled needs gold"
                        + " development documents");
    }

    @Test
    void should_refuse_the_entity_ratio_when_there_is_no_development_gold() {
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).devices("cpu")
                .entityRatioWeight(10).build();

        assertThatThrownBy(() -> trainer.train(TRAINING.subList(0, 4), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("development");
    }


    @Test
    void should_keep_the_pretrained_word_embeddings_when_they_are_frozen(@TempDir Path dir) {
        // given: the same seed, so the same initial weights, trained for one and for two epochs
        Map<String, FloatTensor> oneEpoch = trainFrozen(1, dir.resolve("one"));
        Map<String, FloatTensor> twoEpochs = trainFrozen(2, dir.resolve("two"));

        // then
        String words = "bert." + BertModel.WORD_EMBEDDINGS;
        String query = "bert.encoder.layer.0.attention.self.query.weight";
        assertThat(Arrays.mismatch(twoEpochs.get(words).values(), oneEpoch.get(words).values()))
                .as("first differing word-embedding value").isEqualTo(-1);
        assertThat(Arrays.equals(twoEpochs.get(query).values(), oneEpoch.get(query).values())).isFalse();
    }

    private static Map<String, FloatTensor> trainFrozen(int epochs, Path dir) {
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                .trainWordEmbeddings(false).learningRate(3e-3).epochs(epochs).batchSize(8).devices("cpu").seed(3)
                .build();
        try (BertStudent frozen = trainer.train(TRAINING.subList(0, 16), List.of())) {
            frozen.save(dir);
        }
        return Safetensors.read(dir.resolve("model.safetensors"));
    }

    @Test
    void should_refuse_training_when_no_entity_type_can_be_inferred() {
        Annotation empty = new Annotation(new io.github.meddistill.core.Document("d", "nothing here"), List.of(), "gold");
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).devices("cpu")
                .build();

        assertThatThrownBy(() -> trainer.train(List.of(empty), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entityTypes");
    }

    @Test
    void should_change_the_weights_when_the_run_has_a_single_step() {
        // given: one batch holding every sequence, one epoch
        List<TrainingSummary> summaries = new ArrayList<>();
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).epochs(1)
                .batchSize(512).devices("cpu").seed(3).listener(summaryListener(summaries)).build();

        // when
        try (BertStudent trained = trainer.train(TRAINING.subList(0, 4), List.of())) {
            // then
            assertThat(summaries).singleElement().satisfies(summary -> {
                assertThat(summary.steps()).isEqualTo(1);
                assertThat(summary.appliedSteps()).isEqualTo(1);
                assertThat(summary.changedWeights()).isTrue();
            });
        }
    }

    @Test
    void should_train_more_epochs_when_the_epochs_make_fewer_than_the_minimum_steps() {
        // given: one step per epoch, one epoch asked for, at least three steps
        List<TrainingSummary> summaries = new ArrayList<>();
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).epochs(1)
                .minSteps(3).batchSize(512).devices("cpu").seed(3).listener(summaryListener(summaries)).build();

        // when
        try (BertStudent trained = trainer.train(TRAINING.subList(0, 4), List.of())) {
            // then
            assertThat(summaries).singleElement().satisfies(summary -> {
                assertThat(summary.epochs()).isEqualTo(3);
                assertThat(summary.steps()).isEqualTo(3);
            });
        }
        assertThat(trainer.epochs(48)).isEqualTo(1);
        assertThat(BertStudentTrainer.builder().epochs(1).minSteps(128).devices("cpu").build().epochs(48)).isEqualTo(3);
        assertThat(BertStudentTrainer.builder().epochs(1).minSteps(128).devices("cpu").build().epochs(144)).isEqualTo(1);
        assertThat(BertStudentTrainer.builder().epochs(4).minSteps(128).devices("cpu").build().epochs(48)).isEqualTo(4);
    }

    @Test
    void should_fail_at_once_naming_the_step_when_strict_and_the_loss_is_not_finite(@TempDir Path dir) {
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.checkpoint(nanCheckpoint(dir)))
                .epochs(1).batchSize(8).devices("cpu").strictNumerics(true).build();

        assertThatThrownBy(() -> trainer.train(TRAINING.subList(0, 16), List.of()))
                .isInstanceOf(io.github.meddistill.core.NonRetriableException.class)
                .hasMessageContaining("step 1 skipped: non-finite loss").hasMessageContaining("strictNumerics");
    }

    @Test
    void should_count_skipped_steps_by_kind_when_not_strict_and_the_loss_is_not_finite(@TempDir Path dir) {
        // given
        List<TrainingSummary> summaries = new ArrayList<>();
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.checkpoint(nanCheckpoint(dir)))
                .epochs(1).batchSize(8).devices("cpu").strictNumerics(false).listener(new TrainingListener() {
                    @Override
                    public void onEpoch(Epoch epoch) {
                        epochs.add(epoch);
                    }

                    @Override
                    public void onFinish(TrainingSummary summary) {
                        summaries.add(summary);
                    }
                }).build();

        // when
        trainer.train(TRAINING.subList(0, 16), List.of()).close();

        // then: every step skipped for its loss, none for a gradient, and nothing learned
        TrainingSummary summary = summaries.get(0);
        assertThat(summary.steps()).isPositive();
        assertThat(summary.skippedNonFiniteLoss()).isEqualTo(summary.steps());
        assertThat(summary.skippedNonFiniteGradient()).isZero();
        assertThat(summary.appliedSteps()).isZero();
        assertThat(summary.changedWeights()).isFalse();
        assertThat(epochs).singleElement().satisfies(e -> {
            assertThat(e.skippedNonFiniteLoss()).isEqualTo(summary.steps());
            assertThat(e.meanLoss()).isNaN();
        });
    }

    /** A tiny encoder checkpoint whose embedding LayerNorm bias is NaN, so that every loss is NaN. */
    private static Path nanCheckpoint(Path dir) {
        Path saved = dir.resolve("saved");
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY)).epochs(1)
                .batchSize(64).devices("cpu").build();
        try (BertStudent tiny = trainer.train(TRAINING.subList(0, 2), List.of())) {
            tiny.save(saved);
        }
        Map<String, FloatTensor> tensors = new java.util.LinkedHashMap<>(
                Safetensors.read(saved.resolve("model.safetensors")));
        float[] bias = tensors.get("bert.embeddings.LayerNorm.bias").values();
        Arrays.fill(bias, Float.NaN);
        Safetensors.write(saved.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        return saved;
    }

    private static TrainingListener summaryListener(List<TrainingSummary> summaries) {
        return new TrainingListener() {
            @Override
            public void onFinish(TrainingSummary summary) {
                summaries.add(summary);
            }
        };
    }
}
