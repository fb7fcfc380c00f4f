package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

class AdamWTest {

    @Test
    void should_update_used_rows_as_the_dense_update_does_and_leave_the_others_when_updating_rows() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            // given: a 5 x 3 table whose gradient is zero outside rows 1 and 3, over two steps
            NDArray dense = manager.arange(15f).reshape(new Shape(5, 3)).div(10f);
            NDArray lazy = dense.duplicate();
            NDArray rows = manager.create(new long[] {1, 3});
            AdamW denseOptimizer = new AdamW(0.9, 0.999, 1e-8, 0.01);
            AdamW lazyOptimizer = new AdamW(0.9, 0.999, 1e-8, 0.01);

            for (int step = 1; step <= 2; step++) {
                NDArray rowGradients = manager.create(new float[] {0.5f, -1f, 2f, -0.25f, 0.75f, step}, new Shape(2, 3));
                NDArray fullGradient = manager.zeros(new Shape(5, 3));
                fullGradient.set(new NDIndex("{}", rows), rowGradients);
                denseOptimizer.beginStep();
                lazyOptimizer.beginStep();

                // when
                denseOptimizer.update("embeddings.word_embeddings.weight", dense, fullGradient, 0.1);
                lazyOptimizer.updateRows("embeddings.word_embeddings.weight", lazy, rows, rowGradients, 0.1);
            }

            // then: used rows match the dense update; unused rows keep their values (the dense one decays them)
            float[] expectedRows = dense.get(new NDIndex("{}", rows)).toFloatArray();
            assertThat(lazy.get(new NDIndex("{}", rows)).toFloatArray()).containsExactly(expectedRows,
                    org.assertj.core.data.Offset.offset(1e-6f));
            NDArray original = manager.arange(15f).reshape(new Shape(5, 3)).div(10f);
            for (int row : new int[] {0, 2, 4}) {
                assertThat(lazy.get(row).toFloatArray()).containsExactly(original.get(row).toFloatArray());
            }
            assertThat(dense.get(0).toFloatArray()).isNotEqualTo(original.get(0).toFloatArray());
        }
    }
}
