package io.github.meddistill.ontology.internal;

import java.util.Arrays;

/**
 * The edges of a token trie: (parent node, token id) to child node, in one open-addressed table of
 * primitive longs and ints, so a step costs one hash probe and no allocation.
 *
 * <p>Used while building; {@link CompactTrie} is the frozen form. Not thread-safe.
 */
public final class EdgeTable {

    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] children;
    private int size;

    public EdgeTable() {
        keys = new long[1 << 12];
        Arrays.fill(keys, EMPTY);
        children = new int[keys.length];
    }

    /** The child of {@code node} along {@code token}, or -1. */
    public int child(int node, int token) {
        long key = key(node, token);
        long[] k = keys;
        int mask = k.length - 1;
        int index = mix(key) & mask;
        while (true) {
            long found = k[index];
            if (found == key) {
                return children[index];
            }
            if (found == EMPTY) {
                return -1;
            }
            index = (index + 1) & mask;
        }
    }

    /** Adds an edge that must not exist yet. */
    public void put(int node, int token, int child) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(key(node, token), child);
        size++;
    }

    public int size() {
        return size;
    }

    /** Receives the edges of the table. */
    @FunctionalInterface
    public interface EdgeVisitor {
        void edge(int parent, int token, int child);
    }

    /** Calls {@code visitor} once per edge, in no particular order. */
    public void forEach(EdgeVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            long key = keys[i];
            if (key != EMPTY) {
                visitor.edge((int) (key >>> 32), (int) key, children[i]);
            }
        }
    }

    private void grow() {
        resize(keys.length * 2);
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        children = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldChildren[i]);
            }
        }
    }

    private void insert(long key, int child) {
        int mask = keys.length - 1;
        int index = mix(key) & mask;
        while (keys[index] != EMPTY) {
            index = (index + 1) & mask;
        }
        keys[index] = key;
        children[index] = child;
    }

    private static long key(int node, int token) {
        return ((long) node << 32) | (token & 0xFFFFFFFFL);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
