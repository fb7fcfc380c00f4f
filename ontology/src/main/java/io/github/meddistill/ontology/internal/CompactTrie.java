package io.github.meddistill.ontology.internal;

import java.util.Arrays;

/**
 * The frozen token trie: the root's children in an array indexed by token id (one load for the
 * step taken at every text token), and every other node's children as a sorted run of (token,
 * child) pairs in two flat arrays, so that deeper steps touch one or two cache lines.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompactTrie {

    private static final int LINEAR_SEARCH_LIMIT = 8;

    private final int[] rootChildren;
    /**
     * Two ints per node, read together: where its children start (they end where the next node's
     * start), and its value (for the matcher: the first dictionary entry ending there, or -1).
     */
    private final int[] nodes;
    private final int[] childTokens;
    private final int[] childNodes;

    private CompactTrie(int[] rootChildren, int[] nodes, int[] childTokens, int[] childNodes) {
        this.rootChildren = rootChildren;
        this.nodes = nodes;
        this.childTokens = childTokens;
        this.childNodes = childNodes;
    }

    /**
     * Freezes the edges of a trie with {@code nodeCount} nodes (root 0) over {@code tokenCount} token
     * ids, with one int value per node.
     */
    public static CompactTrie of(EdgeTable edges, int nodeCount, int tokenCount, int[] values) {
        int[] rootChildren = new int[tokenCount];
        Arrays.fill(rootChildren, -1);
        int[] counts = new int[nodeCount + 1];
        edges.forEach((parent, token, child) -> {
            if (parent == 0) {
                rootChildren[token] = child;
            } else {
                counts[parent + 1]++;
            }
        });
        for (int n = 0; n < nodeCount; n++) {
            counts[n + 1] += counts[n];
        }
        int total = counts[nodeCount];
        long[] packed = new long[total];
        int[] fill = Arrays.copyOf(counts, nodeCount);
        edges.forEach((parent, token, child) -> {
            if (parent != 0) {
                packed[fill[parent]++] = ((long) token << 32) | (child & 0xFFFFFFFFL);
            }
        });
        int[] childTokens = new int[total];
        int[] childNodes = new int[total];
        for (int n = 0; n < nodeCount; n++) {
            Arrays.sort(packed, counts[n], counts[n + 1]);
        }
        for (int i = 0; i < total; i++) {
            childTokens[i] = (int) (packed[i] >>> 32);
            childNodes[i] = (int) packed[i];
        }
        int[] nodes = new int[2 * nodeCount + 2];
        for (int n = 0; n <= nodeCount; n++) {
            nodes[2 * n] = counts[n];
            nodes[2 * n + 1] = n < nodeCount ? values[n] : -1;
        }
        return new CompactTrie(rootChildren, nodes, childTokens, childNodes);
    }

    /** The value stored for {@code node}. */
    public int value(int node) {
        return nodes[2 * node + 1];
    }

    /** The child of the root along {@code token}, or -1. */
    public int root(int token) {
        return rootChildren[token];
    }

    /** The child of {@code node} (not the root) along {@code token}, or -1. */
    public int child(int node, int token) {
        int low = nodes[2 * node];
        int high = nodes[2 * node + 2];
        if (high - low <= LINEAR_SEARCH_LIMIT) {
            for (int i = low; i < high; i++) {
                if (childTokens[i] == token) {
                    return childNodes[i];
                }
            }
            return -1;
        }
        int index = Arrays.binarySearch(childTokens, low, high, token);
        return index >= 0 ? childNodes[index] : -1;
    }
}
