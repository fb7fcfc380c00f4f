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

class ExpectedEntityRatioTest {

    private static final List<String> TAGS = List.of("O", "B-DISEASE", "I-DISEASE", "B-MEDICATION", "I-MEDICATION");
    private static final List<String> TYPES = List.of("DISEASE", "MEDICATION");

    /** Ten labelled positions: four disease words, one medication word; the ignored positions do not count. */
    private static final List<int[]> GOLD = List.of(new int[] {-1, 0, 1, 2, 0, 0, -1}, new int[] {1, 2, 0, 3, 0, -1});

    @Test
    void should_take_each_types_share_of_labelled_positions_when_estimated_from_gold() {
        ExpectedEntityRatio ratio = ExpectedEntityRatio.fromGold(1, TAGS, TYPES, GOLD);

        assertThat(ratio.ratios()).containsExactly(new float[] {0.4f, 0.1f}, within(1e-6f));
        assertThat(ratio.active()).isTrue();
        assertThat(ExpectedEntityRatio.none().active()).isFalse();
    }

    @Test
    void should_fail_when_the_gold_data_has_no_labelled_position() {
        assertThatThrownBy(() -> ExpectedEntityRatio.fromGold(1, TAGS, TYPES, List.of(new int[] {-1, -1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no words");
    }

    @Test
    void should_add_nothing_when_the_predicted_shares_are_within_the_margin() {
        ExpectedEntityRatio ratio = ExpectedEntityRatio.fromGold(10, TAGS, TYPES, GOLD);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // positions 0-3 certain disease, 4 certain medication, 5-9 certain outside: shares 0.4 and 0.1
            float[] logits = new float[10 * 5];
            int[] chosen = {1, 2, 1, 2, 3, 0, 0, 0, 0, 0};
            for (int position = 0; position < 10; position++) {
                logits[position * 5 + chosen[position]] = 30f;
            }
            NDArray penalty = ratio.penalty(manager.create(logits, new Shape(1, 10, 5)),
                    manager.create(new long[10], new Shape(1, 10)), 1.0);

            assertThat(penalty.getFloat()).isCloseTo(0f, within(1e-5f));
        }
    }

    @Test
    void should_push_entity_probability_up_when_the_student_predicts_too_few_entities() {
        ExpectedEntityRatio ratio = ExpectedEntityRatio.fromGold(10, TAGS, TYPES, GOLD);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // every position certain outside, one ignored position that must not count
            float[] values = new float[11 * 5];
            for (int position = 0; position < 11; position++) {
                values[position * 5] = 30f;
            }
            long[] labels = new long[11];
            labels[10] = -1;
            NDArray logits = manager.create(values, new Shape(1, 11, 5));
            logits.setRequiresGradient(true);
            float loss;
            float[] gradient;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray penalty = ratio.penalty(logits, manager.create(labels, new Shape(1, 11)), 0.5);
                loss = penalty.getFloat();
                collector.backward(penalty);
            }
            gradient = logits.getGradient().toFloatArray();

            // hinge: (0.4 - 0.04) + (0.1 - 0.01), times weight 10 and share 0.5
            assertThat(loss).isCloseTo(0.5f * 10 * (0.36f + 0.09f), within(1e-4f));
            // descending the gradient raises an entity logit of a labelled position, not of the ignored one
            assertThat(gradient[1]).isNegative();
            assertThat(gradient[10 * 5 + 1]).isZero();
        }
    }
}
