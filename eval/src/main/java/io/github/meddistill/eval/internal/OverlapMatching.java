package io.github.meddistill.eval.internal;

import java.util.Arrays;

/**
 * Maximum one-to-one matching between two lists of spans of one type where an edge means "overlap"
 * (Kuhn's augmenting paths; the lists of one document and type are short). Not a published API.
 */
public final class OverlapMatching {

    private OverlapMatching() {
    }

    /**
     * The size of a maximum matching between gold spans {@code [goldStart[i], goldEnd[i])} and
     * predicted spans {@code [predStart[j], predEnd[j])}, considering the first {@code goldCount} and
     * {@code predCount} entries.
     */
    public static int maximumMatching(int[] goldStart, int[] goldEnd, int goldCount,
                                      int[] predStart, int[] predEnd, int predCount) {
        if (goldCount == 0 || predCount == 0) {
            return 0;
        }
        int[] predMatchedTo = new int[predCount];
        Arrays.fill(predMatchedTo, -1);
        int matched = 0;
        for (int g = 0; g < goldCount; g++) {
            boolean[] visited = new boolean[predCount];
            if (augment(g, goldStart, goldEnd, predStart, predEnd, predCount, predMatchedTo, visited)) {
                matched++;
            }
        }
        return matched;
    }

    private static boolean augment(int g, int[] goldStart, int[] goldEnd, int[] predStart, int[] predEnd, int predCount,
                                   int[] predMatchedTo, boolean[] visited) {
        for (int p = 0; p < predCount; p++) {
            if (visited[p] || goldStart[g] >= predEnd[p] || predStart[p] >= goldEnd[g]) {
                continue;
            }
            visited[p] = true;
            if (predMatchedTo[p] < 0
                    || augment(predMatchedTo[p], goldStart, goldEnd, predStart, predEnd, predCount, predMatchedTo, visited)) {
                predMatchedTo[p] = g;
                return true;
            }
        }
        return false;
    }
}
