package io.github.meddistill.ontology.internal;

import java.util.Arrays;

/**
 * A reusable, growable list of scanned tokens in parallel int arrays: character span in the
 * original text and interned id (-1 for a token the dictionary does not know). Not thread-safe:
 * each call of the matcher uses its own instance.
 */
public final class Tokens {

    int[] starts;
    int[] ends;
    int[] ids;
    int size;

    public Tokens() {
        this(64);
    }

    /** Room for {@code capacity} tokens before the arrays grow. */
    public Tokens(int capacity) {
        starts = new int[Math.max(capacity, 8)];
        ends = new int[starts.length];
        ids = new int[starts.length];
    }

    void clear() {
        size = 0;
    }

    void add(int start, int end, int id) {
        if (size == ids.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            ids = Arrays.copyOf(ids, capacity);
        }
        starts[size] = start;
        ends[size] = end;
        ids[size] = id;
        size++;
    }

    public int size() {
        return size;
    }

    public int start(int index) {
        return starts[index];
    }

    public int end(int index) {
        return ends[index];
    }

    public int id(int index) {
        return ids[index];
    }
}
