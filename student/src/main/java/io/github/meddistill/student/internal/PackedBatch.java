package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sequences laid out for one forward pass without padding: the dense layers (projections, feed-forward, LayerNorm)
 * read every sequence's tokens one after another, so they compute nothing for padding, and only attention sees
 * rows. Each attention row holds several whole sequences (first-fit by decreasing length) with a block-diagonal
 * bias, so a token attends to its own sequence only, and positions restart at 0 in every sequence: the model
 * computes what it would compute for each sequence alone, up to float rounding. Plain Java arrays, so any engine
 * can take them; immutable by convention (the arrays are not copied).
 *
 * @param inputIds {@code [tokens]} the word-piece ids of the sequences, one after another
 * @param positionIds {@code [tokens]} each token's position within its own sequence
 * @param rows number of attention rows
 * @param rowLength slots per attention row: the longest sequence's length
 * @param rowTokens {@code [rows * rowLength]} the token each attention slot reads (0 in empty slots, masked)
 * @param attentionBias {@code [rows * rowLength * rowLength]} added to attention scores: 0 where query and key
 *     slots hold the same sequence, {@link #MASKED} elsewhere
 * @param tokenSlots {@code [tokens]} the attention slot ({@code row * rowLength + column}) of each token
 * @param sequenceStarts {@code [sequences + 1]} where each sequence starts in the token arrays, then the total
 */
public record PackedBatch(long[] inputIds, long[] positionIds, int rows, int rowLength, long[] rowTokens,
        float[] attentionBias, long[] tokenSlots, int[] sequenceStarts) {

    /** The attention bias between slots of different sequences: far below any score, still finite in float32. */
    public static final float MASKED = -1e9f;

    /** Packs {@code sequences} (each non-empty, [CLS] and [SEP] included) in the given order. */
    public static PackedBatch of(List<long[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to pack");
        }
        int[] starts = new int[sequences.size() + 1];
        int rowLength = 0;
        for (int s = 0; s < sequences.size(); s++) {
            int length = sequences.get(s).length;
            if (length == 0) {
                throw new IllegalArgumentException("sequence " + s + " is empty");
            }
            starts[s + 1] = starts[s] + length;
            rowLength = Math.max(rowLength, length);
        }
        int tokens = starts[sequences.size()];
        long[] ids = new long[tokens];
        long[] positions = new long[tokens];
        for (int s = 0; s < sequences.size(); s++) {
            long[] sequence = sequences.get(s);
            System.arraycopy(sequence, 0, ids, starts[s], sequence.length);
            for (int t = 0; t < sequence.length; t++) {
                positions[starts[s] + t] = t;
            }
        }
        // first fit by decreasing length: few rows, so little attention is spent on empty slots
        Integer[] order = new Integer[sequences.size()];
        Arrays.setAll(order, s -> s);
        Arrays.sort(order, Comparator.comparingInt((Integer s) -> -sequences.get(s).length));
        List<Integer> rowFill = new ArrayList<>();
        int[] rowOf = new int[sequences.size()];
        int[] columnOf = new int[sequences.size()];
        for (int s : order) {
            int length = sequences.get(s).length;
            int row = 0;
            while (row < rowFill.size() && rowFill.get(row) + length > rowLength) {
                row++;
            }
            if (row == rowFill.size()) {
                rowFill.add(0);
            }
            rowOf[s] = row;
            columnOf[s] = rowFill.get(row);
            rowFill.set(row, columnOf[s] + length);
        }
        int rows = rowFill.size();
        long[] rowTokens = new long[rows * rowLength];
        long[] slots = new long[tokens];
        int[] sequenceOfSlot = new int[rows * rowLength];
        Arrays.fill(sequenceOfSlot, -1);
        for (int s = 0; s < sequences.size(); s++) {
            for (int t = 0; t < sequences.get(s).length; t++) {
                int slot = rowOf[s] * rowLength + columnOf[s] + t;
                rowTokens[slot] = starts[s] + t;
                slots[starts[s] + t] = slot;
                sequenceOfSlot[slot] = s;
            }
        }
        float[] bias = new float[rows * rowLength * rowLength];
        for (int row = 0; row < rows; row++) {
            for (int query = 0; query < rowLength; query++) {
                int querySequence = sequenceOfSlot[row * rowLength + query];
                int offset = (row * rowLength + query) * rowLength;
                for (int key = 0; key < rowLength; key++) {
                    int keySequence = sequenceOfSlot[row * rowLength + key];
                    bias[offset + key] = querySequence >= 0 && querySequence == keySequence ? 0f : MASKED;
                }
            }
        }
        return new PackedBatch(ids, positions, rows, rowLength, rowTokens, bias, slots, starts);
    }

    /** Number of real tokens, the sum of the sequence lengths. */
    public int tokens() {
        return inputIds.length;
    }

    /** Number of sequences. */
    public int sequences() {
        return sequenceStarts.length - 1;
    }
}
