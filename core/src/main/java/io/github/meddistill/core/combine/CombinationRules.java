package io.github.meddistill.core.combine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard rules a teacher-subset search tries for a given number of sources: union, every
 * k-of-n vote strictly between union and intersection, and intersection. Rules that would be
 * identical for that many sources are listed once (one source: union only; two sources: union and
 * intersection).
 */
public final class CombinationRules {

    private CombinationRules() {
    }

    /** {@link #standard(int, SpanMatching, OverlapPolicy)} with exact matching and {@link OverlapPolicy#LONGEST_WINS}. */
    public static List<VoteCombiner> standard(int sourceCount) {
        return standard(sourceCount, SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS);
    }

    /**
     * For n = {@code sourceCount}: union, then {@code k}-of-n for k = 2 .. n-1, then intersection
     * (when n >= 2), all with the given matching and overlap policy.
     *
     * @throws IllegalArgumentException if {@code sourceCount < 1}
     */
    public static List<VoteCombiner> standard(int sourceCount, SpanMatching matching, OverlapPolicy overlapPolicy) {
        Objects.requireNonNull(matching, "matching");
        Objects.requireNonNull(overlapPolicy, "overlapPolicy");
        if (sourceCount < 1) {
            throw new IllegalArgumentException("sourceCount must be at least 1: sourceCount=" + sourceCount);
        }
        List<VoteCombiner> rules = new ArrayList<>();
        rules.add(new UnionCombiner(matching, overlapPolicy));
        for (int k = 2; k < sourceCount; k++) {
            rules.add(new MajorityVoteCombiner(k, matching, overlapPolicy));
        }
        if (sourceCount >= 2) {
            rules.add(new IntersectionCombiner(matching, overlapPolicy));
        }
        return List.copyOf(rules);
    }
}
