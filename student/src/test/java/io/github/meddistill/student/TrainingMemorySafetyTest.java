package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.student.internal.HostileMemory;

/**
 * Training under a hostile allocator: garbage collections and native allocations running all the time on another
 * thread (and, in this module's test JVM, glibc's MALLOC_PERTURB_ filling freed memory with garbage). Native memory
 * read after its owner freed it used to show up as skipped steps (an infinite gradient norm with a finite loss),
 * as crashes inside libtorch's backward pass, and as same-seed runs that differ.
 */
class TrainingMemorySafetyTest {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);
    private static final List<Annotation> TRAINING = SyntheticNotes.generate(16, 5);
    private static final List<Annotation> DEVELOPMENT = SyntheticNotes.generate(8, 6);

    @Test
    void should_train_bit_identical_weights_without_skipped_steps_when_memory_is_hostile(@TempDir Path dir) {
        List<TrainingSummary> summaries = trainCalmThenHostile(dir, MentionConfidences.NONE);

        assertThat(summaries).allSatisfy(summary -> assertThat(summary.changedWeights()).isTrue());
    }

    @Test
    void should_train_bit_identical_weights_without_skipped_steps_when_mentions_are_weighed_and_memory_is_hostile(
            @TempDir Path dir) {
        // given: every drug mention at confidence 0.4, so the weighted loss (an array of the step's manager) is used
        Map<String, Map<Entity, Double>> byDocument = new HashMap<>();
        for (Annotation note : TRAINING) {
            Map<Entity, Double> drugs = new HashMap<>();
            note.entities().stream().filter(e -> e.type().equals(EntityType.MEDICATION))
                    .forEach(e -> drugs.put(e, 0.4));
            byDocument.put(note.documentId(), drugs);
        }

        trainCalmThenHostile(dir, new MentionConfidences(byDocument));
    }

    /**
     * A calm reference run, then the same run twice while another thread collects garbage and reuses freed native
     * memory; asserts that no step was skipped and that both hostile runs give the calm run's weights bit for bit.
     */
    private static List<TrainingSummary> trainCalmThenHostile(Path dir, MentionConfidences confidences) {
        List<TrainingSummary> summaries = new ArrayList<>();
        train(dir.resolve("calm"), summaries, confidences);
        Thread hammer = HostileMemory.hammer();
        try {
            train(dir.resolve("hostile-1"), summaries, confidences);
            train(dir.resolve("hostile-2"), summaries, confidences);
        } finally {
            hammer.interrupt();
        }
        assertThat(summaries).hasSize(3).allSatisfy(summary -> {
            assertThat(summary.skippedNonFiniteGradient()).isZero();
            assertThat(summary.skippedNonFiniteLoss()).isZero();
            assertThat(summary.appliedSteps()).isEqualTo(summary.steps()).isGreaterThan(10);
        });
        assertThat(WeightDifference.between(dir.resolve("calm"), dir.resolve("hostile-1")).differing()).isZero();
        assertThat(WeightDifference.between(dir.resolve("calm"), dir.resolve("hostile-2")).differing()).isZero();
        return summaries;
    }

    private static void train(Path out, List<TrainingSummary> summaries, MentionConfidences confidences) {
        BertStudentTrainer trainer = BertStudentTrainer.builder()
                .encoder(EncoderSource.random(TINY))
                .learningRate(3e-3)
                .epochs(2)
                .patience(2)
                .batchSize(4)
                .devices("cpu")
                .seed(13)
                .strictNumerics(true)
                .listener(new TrainingListener() {
                    @Override
                    public void onFinish(TrainingSummary summary) {
                        summaries.add(summary);
                    }
                })
                .build();
        try (BertStudent student = trainer.train(TRAINING, DEVELOPMENT, confidences)) {
            student.save(out);
        }
    }

    @Test
    void should_train_the_same_weights_when_run_on_a_thread_other_than_the_one_that_loaded_the_engine(
            @TempDir Path dir) throws Exception {
        // given: the engine is loaded here, and PyTorch records gradients by default on every other thread
        train(dir.resolve("here"), new ArrayList<>(), MentionConfidences.NONE);
        List<Throwable> failures = new ArrayList<>();

        // when
        Thread worker = new Thread(() -> {
            try {
                train(dir.resolve("worker"), new ArrayList<>(), MentionConfidences.NONE);
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "training-worker");
        worker.start();
        worker.join();

        // then
        assertThat(failures).isEmpty();
        assertThat(WeightDifference.between(dir.resolve("here"), dir.resolve("worker")).differing()).isZero();
    }
}
