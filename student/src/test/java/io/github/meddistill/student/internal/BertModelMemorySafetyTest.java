package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.github.meddistill.student.BertConfig;

/**
 * The backward pass reads what the forward pass left for it: constants kept by autograd must outlive it. DJL's
 * Number overloads ({@code x.mul(0.125f)}) make a scalar from a direct buffer and free it at once, so a garbage
 * collection between forward and backward used to change the gradients of every attention layer and of the loss.
 */
class BertModelMemorySafetyTest {

    private static final BertConfig TINY = new BertConfig(64, 16, 2, 2, 32, 16, 2, 1e-12, 0.1, 0.1);
    private static final List<long[]> IDS = List.of(new long[] {2, 5, 9, 14, 3}, new long[] {2, 7, 3});
    private static final List<int[]> LABELS = List.of(new int[] {-1, 0, 1, 2, -1}, new int[] {-1, 1, -1});

    private static Engine engine;
    private static BertModel model;

    @BeforeAll
    static void createModel() {
        engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(11);
        model = BertModel.random(TINY, 3, engine.newBaseManager());
        model.parameters().values().forEach(p -> p.setRequiresGradient(true));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void should_give_bit_identical_gradients_when_memory_is_freed_and_reused_between_forward_and_backward() {
        // given
        Map<String, float[]> calm = gradients(() -> { });

        // when / then
        for (int attempt = 0; attempt < 10; attempt++) {
            Map<String, float[]> hostile = gradients(HostileMemory::strike);
            assertThat(hostile.keySet()).isEqualTo(calm.keySet());
            hostile.forEach((name, values) -> assertThat(values).as(name).containsExactly(calm.get(name)));
        }
    }

    /** Gradients of every parameter for the fixed batch, with {@code betweenPasses} run after the forward pass. */
    private static Map<String, float[]> gradients(Runnable betweenPasses) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager manager = model.newBatchManager()) {
            PaddedBatch batch = PaddedBatch.of(manager, IDS, LABELS);
            double weight = LABELS.stream().mapToDouble(l -> MaskedCrossEntropy.weight(l, 0.5)).sum();
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = model.logits(batch.inputIds(), batch.attentionMask(), false);
                NDArray loss = MaskedCrossEntropy.loss(logits, batch.labels(), null, weight, 0.5);
                betweenPasses.run();
                collector.backward(loss);
            }
            NDArray zero = manager.create(0f);
            model.parameters().forEach((name, parameter) -> {
                NDArray gradient = parameter.getGradient();
                gradient.attach(manager);
                gradients.put(name, gradient.toFloatArray());
                gradient.set(new NDIndex("..."), zero);
            });
        }
        return gradients;
    }
}
