package io.github.meddistill.ontology.internal;

import java.util.Arrays;

/**
 * The frozen token trie. The child of the root along token id {@code t} is always node {@code t + 1}
 * (a node with no value and no children when no term starts with that token), so the step taken at
 * every text token costs no memory access. Every other node's children are a sorted run of (token,
 * child) pairs side by side in one flat array, and a node's value sits next to where its run starts,
 * so that a deeper step touches one or two cache lines. Most deeper steps find no child (the next
 * word of a note rarely continues a term), so a Bloom filter of the edges, small enough to stay in
 * the CPU's cache, answers most of them without the search: two bits in one long per edge.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompactTrie {

    private static final int LINEAR_SEARCH_LIMIT = 8;
    /** Filter bits per edge, rounded up to a power of two: about 6% false positives. */
    private static final int FILTER_BITS_PER_EDGE = 8;

    /**
     * Two ints per node, read together: where its children start (they end where the next node's
     * start), and its value (for the matcher: the first dictionary entry ending there, or -1).
     */
    private final int[] nodes;
    /** Per child, two ints: its token, then its node; each node's children sorted by token. */
    private final int[] children;
    /** Bloom filter of the (node, token) pairs of {@link #children}. */
    private final long[] edgeFilter;

    private CompactTrie(int[] nodes, int[] children, long[] edgeFilter) {
        this.nodes = nodes;
        this.children = children;
        this.edgeFilter = edgeFilter;
    }

    /**
     * Freezes the edges of a trie with {@code nodeCount} nodes (root 0) over {@code tokenCount} token
     * ids, with one int value per node; the nodes are numbered anew (root children first).
     */
    public static CompactTrie of(EdgeTable edges, int nodeCount, int tokenCount, int[] values) {
        int[] renumbered = new int[nodeCount];
        edges.forEach((parent, token, child) -> {
            if (parent == 0) {
                renumbered[child] = token + 1;
            }
        });
        int total = tokenCount + 1;
        for (int n = 1; n < nodeCount; n++) {
            if (renumbered[n] == 0) {
                renumbered[n] = total++;
            }
        }
        int[] counts = new int[total + 1];
        edges.forEach((parent, token, child) -> {
            if (parent != 0) {
                counts[renumbered[parent] + 1]++;
            }
        });
        for (int n = 0; n < total; n++) {
            counts[n + 1] += counts[n];
        }
        long[] packed = new long[counts[total]];
        int[] fill = Arrays.copyOf(counts, total);
        edges.forEach((parent, token, child) -> {
            if (parent != 0) {
                packed[fill[renumbered[parent]]++] = ((long) token << 32) | (renumbered[child] & 0xFFFFFFFFL);
            }
        });
        for (int n = 0; n < total; n++) {
            Arrays.sort(packed, counts[n], counts[n + 1]);
        }
        int[] children = new int[2 * packed.length];
        for (int i = 0; i < packed.length; i++) {
            children[2 * i] = (int) (packed[i] >>> 32);
            children[2 * i + 1] = (int) packed[i];
        }
        long[] edgeFilter = new long[Math.max(1, Integer.highestOneBit(
                Math.max(1, packed.length * FILTER_BITS_PER_EDGE / 64 - 1)) << 1)];
        for (int n = 0; n < total; n++) {
            for (int i = counts[n]; i < counts[n + 1]; i++) {
                long hash = edgeHash(n, children[2 * i]);
                edgeFilter[filterIndex(hash, edgeFilter.length)] |= filterBits(hash);
            }
        }
        int[] nodes = new int[2 * total + 2];
        Arrays.fill(nodes, -1);
        for (int n = 0; n <= total; n++) {
            nodes[2 * n] = counts[n];
        }
        for (int n = 0; n < nodeCount; n++) {
            nodes[2 * renumbered[n] + 1] = values[n];
        }
        return new CompactTrie(nodes, children, edgeFilter);
    }

    /** The value stored for {@code node}. */
    public int value(int node) {
        return nodes[2 * node + 1];
    }

    /** The child of the root along {@code token}, a valid token id. */
    public static int root(int token) {
        return token + 1;
    }

    /** The child of {@code node} (not the root) along {@code token}, or -1. */
    public int child(int node, int token) {
        int low = nodes[2 * node];
        int high = nodes[2 * node + 2];
        if (low == high) {
            return -1;
        }
        long hash = edgeHash(node, token);
        long bits = filterBits(hash);
        if ((edgeFilter[filterIndex(hash, edgeFilter.length)] & bits) != bits) {
            return -1;
        }
        int[] c = children;
        if (high - low <= LINEAR_SEARCH_LIMIT) {
            for (int i = low; i < high; i++) {
                if (c[2 * i] == token) {
                    return c[2 * i + 1];
                }
            }
            return -1;
        }
        high--;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int found = c[2 * middle];
            if (found < token) {
                low = middle + 1;
            } else if (found > token) {
                high = middle - 1;
            } else {
                return c[2 * middle + 1];
            }
        }
        return -1;
    }

    private static long edgeHash(int node, int token) {
        long h = (((long) node << 32) | (token & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    /** The filter's long for an edge: from the hash's high bits. */
    private static int filterIndex(long hash, int length) {
        return (int) (hash >>> 40) & (length - 1);
    }

    /** The edge's two bits in its long: from the hash's low 12 bits. */
    private static long filterBits(long hash) {
        return (1L << hash) | (1L << (hash >>> 6));
    }
}
