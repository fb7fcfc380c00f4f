package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class MaskedCrossEntropyTest {

    /** Two labels; positions: outside, entity, ignored. */
    private static final float[] LOGITS = {2f, 0f, 0f, 1f, 5f, -5f};
    private static final long[] LABELS = {0, 1, -1};

    private static double negativeLogLikelihood(float chosen, float other) {
        return -(chosen - Math.log(Math.exp(chosen) + Math.exp(other)));
    }

    @Test
    void should_average_over_labelled_positions_only_when_every_label_weighs_one() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.create(LOGITS, new Shape(1, 3, 2));
            NDArray labels = manager.create(LABELS, new Shape(1, 3));

            double loss = MaskedCrossEntropy.loss(logits, labels, null,
                    MaskedCrossEntropy.weight(new int[] {0, 1, -1}, 1.0),
                    1.0).getFloat();

            double expected = (negativeLogLikelihood(2f, 0f) + negativeLogLikelihood(1f, 0f)) / 2;
            assertThat(loss).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void should_weigh_outside_positions_less_when_an_outside_weight_is_set() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.create(LOGITS, new Shape(1, 3, 2));
            NDArray labels = manager.create(LABELS, new Shape(1, 3));
            double weight = MaskedCrossEntropy.weight(new int[] {0, 1, -1}, 0.25);

            double loss = MaskedCrossEntropy.loss(logits, labels, null, weight, 0.25).getFloat();

            assertThat(weight).isEqualTo(1.25);
            double expected = (0.25 * negativeLogLikelihood(2f, 0f) + negativeLogLikelihood(1f, 0f)) / 1.25;
            assertThat(loss).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void should_count_an_unsure_label_by_its_confidence_without_an_outside_target_when_confidences_are_given() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.create(LOGITS, new Shape(1, 3, 2));
            NDArray labels = manager.create(LABELS, new Shape(1, 3));
            // the entity label has confidence 0.25, the outside one 1; the ignored position stays ignored
            NDArray confidence = manager.create(new float[] {1f, 0.25f, 0.5f}, new Shape(1, 3));

            double loss = MaskedCrossEntropy.loss(logits, labels, confidence, 2.0, 1.0).getFloat();

            double expected = (negativeLogLikelihood(2f, 0f) + 0.25 * negativeLogLikelihood(1f, 0f)) / 2;
            assertThat(loss).isCloseTo(expected, within(1e-5));
        }
    }
}
