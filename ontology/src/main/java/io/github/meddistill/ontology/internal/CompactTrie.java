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
    /** Children of node n are at [firstChild[n], firstChild[n + 1]). */
    private final int[] firstChild;
    private final int[] childTokens;
    private final int[] childNodes;

    private CompactTrie(int[] rootChildren, int[] firstChild, int[] childTokens, int[] childNodes) {
        this.rootChildren = rootChildren;
        this.firstChild = firstChild;
        this.childTokens = childTokens;
        this.childNodes = childNodes;
    }

    /** Freezes the edges of a trie with {@code nodeCount} nodes (root 0) over {@code tokenCount} token ids. */
    public static CompactTrie of(EdgeTable edges, int nodeCount, int tokenCount) {
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
        return new CompactTrie(rootChildren, counts, childTokens, childNodes);
    }

    /** The child of the root along {@code token}, or -1. */
    public int root(int token) {
        return rootChildren[token];
    }

    /** The child of {@code node} (not the root) along {@code token}, or -1. */
    public int child(int node, int token) {
        int low = firstChild[node];
        int high = firstChild[node + 1];
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
