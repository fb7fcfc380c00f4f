package io.github.meddistill.core.combine;

/** Keeps every span any source found (one vote suffices). Immutable and thread-safe. */
public final class UnionCombiner extends VoteCombiner {

    /** Union with exact matching and {@link OverlapPolicy#LONGEST_WINS}. */
    public UnionCombiner() {
        this(SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS);
    }

    public UnionCombiner(SpanMatching matching, OverlapPolicy overlapPolicy) {
        super(matching, overlapPolicy);
    }

    @Override
    public double weight(String source) {
        return 1;
    }

    @Override
    public double requiredVotes(int sourceCount) {
        VoteCombinerChecks.requireSources(sourceCount, 1, baseName());
        return 1;
    }

    @Override
    String baseName() {
        return "union";
    }
}
