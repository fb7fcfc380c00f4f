package io.github.meddistill.eval.search;

import io.github.meddistill.core.combine.OverlapPolicy;
import io.github.meddistill.core.combine.SpanMatching;
import io.github.meddistill.core.combine.VoteCombiner;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.internal.OverlapMatching;

/**
 * Scores a {@link VoteCombiner} on a subset of teachers directly on the {@link EncodedType} arrays,
 * without building annotations. It reproduces {@code VoteCombiner.combine} exactly (same votes, same
 * greedy order), which a test checks against the real combiner. One instance per thread.
 */
final class VoteRuleScorer {

    private final EncodedType data;
    private final MatchMode mode;
    private final int[] kept;
    private final double[] keptVotes;
    private final int[] keptRank;
    private final int[] survivors;
    private final int[] survivorStart;
    private final int[] survivorEnd;
    private final int[] goldStart;
    private final int[] goldEnd;

    VoteRuleScorer(EncodedType data, MatchMode mode) {
        this.data = data;
        this.mode = mode;
        int max = Math.max(1, data.maxCandidatesPerDocument);
        kept = new int[max];
        keptVotes = new double[max];
        keptRank = new int[max];
        survivors = new int[max];
        survivorStart = new int[max];
        survivorEnd = new int[max];
        int maxGold = 1;
        for (int d = 0; d < data.documents; d++) {
            maxGold = Math.max(maxGold, data.goldOffset[d + 1] - data.goldOffset[d]);
        }
        goldStart = new int[maxGold];
        goldEnd = new int[maxGold];
    }

    /**
     * @param subset bit mask of the teachers combined
     * @param weights the rule's weight of each teacher (by teacher index; only members are read)
     * @param unitWeights whether every member's weight is exactly 1
     */
    Score score(long subset, VoteCombiner rule, double[] weights, boolean unitWeights) {
        double required = rule.requiredVotes(Long.bitCount(subset));
        boolean lenientVotes = rule.matching() == SpanMatching.LENIENT;
        OverlapPolicy policy = rule.overlapPolicy();
        long tp = 0;
        long predicted = 0;
        for (int d = 0; d < data.documents; d++) {
            int n = 0;
            for (int c = data.candidateOffset[d]; c < data.candidateOffset[d + 1]; c++) {
                long proposers = data.exactTeachers[c] & subset;
                if (proposers == 0) {
                    continue;
                }
                long agreeing = (lenientVotes ? data.overlappingTeachers[c] : data.exactTeachers[c]) & subset;
                double votes = unitWeights ? Long.bitCount(agreeing) : sum(agreeing, weights);
                if (!VoteCombiner.passes(votes, required)) {
                    continue;
                }
                kept[n] = c;
                keptVotes[n] = votes;
                keptRank[n] = Long.numberOfTrailingZeros(proposers);
                n++;
            }
            int m = policy == OverlapPolicy.KEEP_ALL ? keepAll(n) : greedy(n, policy);
            predicted += m;
            if (mode == MatchMode.STRICT) {
                for (int i = 0; i < m; i++) {
                    tp += data.inGold[survivors[i]] ? 1 : 0;
                }
            } else {
                tp += lenientMatches(d, m);
            }
        }
        return new Score(tp, predicted - tp, data.goldTotal - tp);
    }

    private static double sum(long teachers, double[] weights) {
        double votes = 0;
        for (long rest = teachers; rest != 0; rest &= rest - 1) {
            votes += weights[Long.numberOfTrailingZeros(rest)];
        }
        return votes;
    }

    private int keepAll(int n) {
        System.arraycopy(kept, 0, survivors, 0, n);
        return n;
    }

    /** Sorts the kept candidates by the policy's key (insertion sort: few, mostly ordered) and keeps non-overlapping ones. */
    private int greedy(int n, OverlapPolicy policy) {
        for (int i = 1; i < n; i++) {
            int c = kept[i];
            double v = keptVotes[i];
            int r = keptRank[i];
            int j = i - 1;
            while (j >= 0 && before(c, v, r, kept[j], keptVotes[j], keptRank[j], policy)) {
                kept[j + 1] = kept[j];
                keptVotes[j + 1] = keptVotes[j];
                keptRank[j + 1] = keptRank[j];
                j--;
            }
            kept[j + 1] = c;
            keptVotes[j + 1] = v;
            keptRank[j + 1] = r;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            int c = kept[i];
            int s = data.start[c];
            int e = data.end[c];
            boolean free = true;
            for (int k = 0; k < m && free; k++) {
                free = !(survivorStart[k] < e && s < survivorEnd[k]);
            }
            if (free) {
                survivors[m] = c;
                survivorStart[m] = s;
                survivorEnd[m] = e;
                m++;
            }
        }
        return m;
    }

    /** Whether candidate a ranks strictly before candidate b under the policy (see {@link OverlapPolicy}). */
    private boolean before(int a, double votesA, int rankA, int b, double votesB, int rankB, OverlapPolicy policy) {
        int lengthA = data.end[a] - data.start[a];
        int lengthB = data.end[b] - data.start[b];
        int order = switch (policy) {
            case LONGEST_WINS -> lengthA != lengthB ? Integer.compare(lengthB, lengthA) : Double.compare(votesB, votesA);
            case MOST_VOTES -> votesA != votesB ? Double.compare(votesB, votesA) : Integer.compare(lengthB, lengthA);
            case SOURCE_PRIORITY -> rankA != rankB ? Integer.compare(rankA, rankB)
                    : lengthA != lengthB ? Integer.compare(lengthB, lengthA) : Double.compare(votesB, votesA);
            case KEEP_ALL -> 0;
        };
        return order != 0 ? order < 0 : data.start[a] < data.start[b];
    }

    private int lenientMatches(int d, int m) {
        int g = 0;
        for (int i = data.goldOffset[d]; i < data.goldOffset[d + 1]; i++) {
            goldStart[g] = data.goldStart[i];
            goldEnd[g] = data.goldEnd[i];
            g++;
        }
        for (int i = 0; i < m; i++) {
            survivorStart[i] = data.start[survivors[i]];
            survivorEnd[i] = data.end[survivors[i]];
        }
        return OverlapMatching.maximumMatching(goldStart, goldEnd, g, survivorStart, survivorEnd, m);
    }
}
