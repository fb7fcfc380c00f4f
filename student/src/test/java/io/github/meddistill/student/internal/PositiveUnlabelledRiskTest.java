package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

class PositiveUnlabelledRiskTest {

    private static final List<String> TAGS = List.of("O", "B-DISEASE", "I-DISEASE", "B-MEDICATION", "I-MEDICATION");
    private static final List<String> TYPES = List.of("DISEASE", "MEDICATION");

    /** Ten words: four disease words, one medication word; the ignored positions do not count. */
    private static final List<int[]> GOLD = List.of(new int[] {-1, 0, 1, 2, 0, 0, -1}, new int[] {1, 2, 0, 3, 0, -1});

    @Test
    void should_estimate_the_prior_as_the_share_of_outside_words_that_gold_calls_entities_when_built_from_gold() {
        // teachers: two disease words and two medication words of ten; gold has four and one
        List<int[]> teacher = List.of(new int[] {1, 2, 0, 0, 0}, new int[] {3, 4, 0, 0, 0, -1});

        PositiveUnlabelledRisk risk = PositiveUnlabelledRisk.fromGold(TAGS, TYPES, GOLD, teacher);

        // disease misses 0.4 - 0.2, medication none (0.1 - 0.2 counts as 0), among the 0.6 left outside
        assertThat(risk.prior()).isCloseTo(0.2 / 0.6, within(1e-9));
        assertThat(risk.active()).isTrue();
        assertThat(PositiveUnlabelledRisk.none().active()).isFalse();
        // teachers that label as much as gold hide nothing, and outside is still unlabelled
        PositiveUnlabelledRisk complete = PositiveUnlabelledRisk.fromGold(TAGS, TYPES, GOLD, GOLD);
        assertThat(complete.prior()).isZero();
        assertThat(complete.active()).isTrue();
    }

    @Test
    void should_fail_when_the_teachers_leave_no_word_outside() {
        assertThatThrownBy(() -> PositiveUnlabelledRisk.fromGold(TAGS, TYPES, GOLD, List.of(new int[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no word outside");
        assertThatThrownBy(() -> PositiveUnlabelledRisk.fromGold(TAGS, TYPES, List.of(new int[] {-1}), GOLD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold development");
    }

    @Test
    void should_push_an_unlabelled_word_back_to_outside_less_than_cross_entropy_when_the_student_calls_it_an_entity() {
        // prior 0.2 / 0.6 as above; word 0 labelled disease, words 1 and 2 unlabelled, word 1 confidently disease
        PositiveUnlabelledRisk risk = PositiveUnlabelledRisk.fromGold(TAGS, TYPES, GOLD,
                List.of(new int[] {1, 2, 0, 0, 0}, new int[] {3, 4, 0, 0, 0, -1}));
        float[] values = new float[3 * 5];
        values[1] = 4f;
        values[5 + 1] = 4f;
        long[] labels = {1, 0, 0};
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] pu = gradient(manager, values, labels, (logits, l) -> risk.loss(logits, l, null, 3, 1, 2, 1.0));
            float[] crossEntropy = gradient(manager, values, labels,
                    (logits, l) -> MaskedCrossEntropy.loss(logits, l, null, 3, 1.0));

            // the outside logit of word 1: cross-entropy pulls it up by 1 - p(O) ~ 0.98, the bounded loss by
            // p(O)(1 - p(O)) ~ 0.017
            assertThat(-pu[5]).isPositive().isLessThan(-crossEntropy[5] / 5);
        }
    }

    @Test
    void should_leave_unlabelled_words_alone_when_the_student_calls_fewer_of_them_entities_than_the_prior() {
        // the teachers label nothing: prior 0.5; word 0 labelled disease and predicted so, words 1 and 2 unlabelled
        // and predicted outside (p ~ 0.83): outside risk 2 x 0.17 - 0.5 x 2 x 0.99 < 0, clamped at 0
        PositiveUnlabelledRisk risk = PositiveUnlabelledRisk.fromGold(TAGS, TYPES, GOLD,
                List.of(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        float[] values = new float[3 * 5];
        values[1] = 5f;
        values[5] = 3f;
        values[10] = 3f;
        long[] labels = {1, 0, 0};
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] pu = gradient(manager, values, labels, (logits, l) -> risk.loss(logits, l, null, 3, 1, 2, 1.0));
            float[] crossEntropy = gradient(manager, values, labels,
                    (logits, l) -> MaskedCrossEntropy.loss(logits, l, null, 3, 1.0));

            assertThat(risk.prior()).isCloseTo(0.5, within(1e-9));
            for (int index = 5; index < 15; index++) {
                assertThat(pu[index]).as("gradient %d", index).isZero();
            }
            assertThat(crossEntropy[5]).isNegative();
            // the labelled word still learns, weighted up for the entities hidden among the unlabelled: 1 + 0.5 x 2
            assertThat(pu[1]).isCloseTo(2 * crossEntropy[1], within(1e-6f));
        }
    }

    private interface Loss {
        NDArray of(NDArray logits, NDArray labels);
    }

    private static float[] gradient(NDManager manager, float[] values, long[] labels, Loss loss) {
        NDArray logits = manager.create(values, new Shape(1, labels.length, 5));
        logits.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(loss.of(logits, manager.create(labels, new Shape(1, labels.length))));
        }
        return logits.getGradient().toFloatArray();
    }
}
