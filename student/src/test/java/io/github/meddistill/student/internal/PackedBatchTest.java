package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PackedBatchTest {

    private static final List<long[]> SEQUENCES = List.of(
            new long[] {101, 7, 8, 102},
            new long[] {101, 9, 10, 11, 12, 13, 102},
            new long[] {101, 14, 102},
            new long[] {101, 15, 16, 102});

    @Test
    void should_lay_the_tokens_out_one_sequence_after_another_when_packed() {
        // when
        PackedBatch batch = PackedBatch.of(SEQUENCES);

        // then
        assertThat(batch.inputIds()).containsExactly(101, 7, 8, 102, 101, 9, 10, 11, 12, 13, 102, 101, 14, 102,
                101, 15, 16, 102);
        assertThat(batch.positionIds()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 0, 1, 2, 3);
        assertThat(batch.sequenceStarts()).containsExactly(0, 4, 11, 14, 18);
        assertThat(batch.tokens()).isEqualTo(18);
        assertThat(batch.sequences()).isEqualTo(4);
    }

    @Test
    void should_fill_attention_rows_as_long_as_the_longest_sequence_when_sequences_are_short() {
        // when: rows of 7 slots; 7 | 4 + 3 | 4 by first fit of decreasing lengths
        PackedBatch batch = PackedBatch.of(SEQUENCES);

        // then
        assertThat(batch.rowLength()).isEqualTo(7);
        assertThat(batch.rows()).isEqualTo(3);
        assertThat(batch.rowTokens()).hasSize(3 * 7);
        assertThat(batch.attentionBias()).hasSize(3 * 7 * 7);
    }

    @Test
    void should_read_each_token_back_from_its_own_slot_when_attention_rows_are_gathered() {
        // given
        PackedBatch batch = PackedBatch.of(SEQUENCES);

        // when / then: every token sits in exactly one slot, and that slot reads it
        for (int token = 0; token < batch.tokens(); token++) {
            int slot = (int) batch.tokenSlots()[token];
            assertThat(batch.rowTokens()[slot]).as("slot of token %d", token).isEqualTo(token);
        }
        assertThat(batch.tokenSlots()).doesNotHaveDuplicates();
    }

    @Test
    void should_let_a_token_attend_to_its_own_sequence_only_when_sequences_share_a_row() {
        // given
        PackedBatch batch = PackedBatch.of(SEQUENCES);
        int length = batch.rowLength();

        // when / then
        for (int query = 0; query < batch.tokens(); query++) {
            int querySlot = (int) batch.tokenSlots()[query];
            int row = querySlot / length;
            for (int key = 0; key < length; key++) {
                float bias = batch.attentionBias()[querySlot * length + key];
                int keySlot = row * length + key;
                boolean sameSequence = false;
                for (int other = 0; other < batch.tokens(); other++) {
                    if (batch.tokenSlots()[other] == keySlot) {
                        sameSequence = sequenceOf(batch, other) == sequenceOf(batch, query);
                    }
                }
                assertThat(bias).as("query token %d, key slot %d", query, keySlot)
                        .isEqualTo(sameSequence ? 0f : PackedBatch.MASKED);
            }
        }
    }

    @Test
    void should_reject_an_empty_sequence_when_packing() {
        assertThatThrownBy(() -> PackedBatch.of(List.of(new long[] {101, 102}, new long[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence 1 is empty");
        assertThatThrownBy(() -> PackedBatch.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static int sequenceOf(PackedBatch batch, int token) {
        int sequence = 0;
        while (batch.sequenceStarts()[sequence + 1] <= token) {
            sequence++;
        }
        return sequence;
    }
}
