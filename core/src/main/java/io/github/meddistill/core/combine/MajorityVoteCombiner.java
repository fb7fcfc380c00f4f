package io.github.meddistill.core.combine;

/**
 * Keeps the spans at least {@code k} of the n sources agree on ("k-of-n"); with n = 2k - 1 this is
 * a strict majority. Applying it to fewer than k sources is an error rather than an empty result.
 * Immutable and thread-safe.
 */
public final class MajorityVoteCombiner extends VoteCombiner {

    private final int minimumVotes;

    /** k-of-n vote with exact matching and {@link OverlapPolicy#LONGEST_WINS}. */
    public MajorityVoteCombiner(int minimumVotes) {
        this(minimumVotes, SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS);
    }

    public MajorityVoteCombiner(int minimumVotes, SpanMatching matching, OverlapPolicy overlapPolicy) {
        super(matching, overlapPolicy);
        if (minimumVotes < 1) {
            throw new IllegalArgumentException("minimumVotes must be at least 1: minimumVotes=" + minimumVotes);
        }
        this.minimumVotes = minimumVotes;
    }

    /** The k of k-of-n. */
    public int minimumVotes() {
        return minimumVotes;
    }

    @Override
    public double weight(String source) {
        return 1;
    }

    @Override
    public double requiredVotes(int sourceCount) {
        VoteCombinerChecks.requireSources(sourceCount, minimumVotes, baseName());
        return minimumVotes;
    }

    @Override
    String baseName() {
        return minimumVotes + "-of-n";
    }
}
