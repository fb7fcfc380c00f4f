package io.github.meddistill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.spark.internal.BatchingIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingIteratorTest {

    @Test
    void should_hand_full_batches_and_a_last_short_one_in_order_when_reading_a_partition() {
        List<Integer> sizes = new ArrayList<>();
        BatchingIterator<Integer, String> batches = new BatchingIterator<>(IntStream.range(0, 10).boxed().iterator(), 4,
                batch -> {
                    sizes.add(batch.size());
                    return batch.stream().map(i -> "n" + i).toList();
                });

        List<String> out = new ArrayList<>();
        batches.forEachRemaining(out::add);

        assertThat(out).containsExactly("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9");
        assertThat(sizes).containsExactly(4, 4, 2);
    }

    @Test
    void should_pull_the_next_batch_only_after_the_previous_one_is_read_when_iterating() {
        List<Integer> pulled = new ArrayList<>();
        BatchingIterator<Integer, Integer> batches = new BatchingIterator<>(IntStream.range(0, 6).boxed()
                .peek(pulled::add).iterator(), 3, batch -> batch);

        batches.next();

        assertThat(pulled).containsExactly(0, 1, 2);
    }

    @Test
    void should_fail_when_the_batch_function_drops_rows() {
        BatchingIterator<Integer, Integer> batches = new BatchingIterator<>(List.of(1, 2).iterator(), 2,
                batch -> batch.subList(0, 1));

        assertThatThrownBy(batches::hasNext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 1 rows for 2");
    }
}
