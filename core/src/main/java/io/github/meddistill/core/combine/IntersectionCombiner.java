package io.github.meddistill.core.combine;

/** Keeps only the spans every source agrees on. Immutable and thread-safe. */
public final class IntersectionCombiner extends VoteCombiner {

    /** Intersection with exact matching and {@link OverlapPolicy#LONGEST_WINS}. */
    public IntersectionCombiner() {
        this(SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS);
    }

    public IntersectionCombiner(SpanMatching matching, OverlapPolicy overlapPolicy) {
        super(matching, overlapPolicy);
    }

    @Override
    public double weight(String source) {
        return 1;
    }

    @Override
    public double requiredVotes(int sourceCount) {
        VoteCombinerChecks.requireSources(sourceCount, 1, baseName());
        return sourceCount;
    }

    @Override
    String baseName() {
        return "intersection";
    }
}
