package io.github.meddistill.core.combine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps the spans whose agreeing sources' weights sum to at least {@code threshold}. Every source
 * being combined must have a weight: an unknown source is an error, not a silent zero.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * new WeightedVoteCombiner(Map.of("gpt-4o", 2.0, "gemini", 1.0, "doid", 1.0), 2.0) // gpt-4o alone, or both others
 * }</pre>
 */
public final class WeightedVoteCombiner extends VoteCombiner {

    private final Map<String, Double> weights;
    private final double threshold;

    /** Weighted vote with exact matching and {@link OverlapPolicy#LONGEST_WINS}. */
    public WeightedVoteCombiner(Map<String, Double> weights, double threshold) {
        this(weights, threshold, SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS);
    }

    public WeightedVoteCombiner(Map<String, Double> weights, double threshold, SpanMatching matching,
                                OverlapPolicy overlapPolicy) {
        super(matching, overlapPolicy);
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights must name at least one source");
        }
        weights.forEach((source, weight) -> {
            Objects.requireNonNull(source, "weights: source name");
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("weights: weight of source " + source
                        + " must be a finite number >= 0: weight=" + weight);
            }
        });
        if (!Double.isFinite(threshold) || threshold <= 0) {
            throw new IllegalArgumentException("threshold must be a finite number > 0: threshold=" + threshold);
        }
        this.weights = Map.copyOf(weights);
        this.threshold = threshold;
    }

    /** The weight of each source. */
    public Map<String, Double> weights() {
        return weights;
    }

    /** The summed weight a span needs. */
    public double threshold() {
        return threshold;
    }

    @Override
    public double weight(String source) {
        Double weight = weights.get(source);
        if (weight == null) {
            throw new IllegalArgumentException("weighted vote has no weight for source " + source
                    + "; weights are given for " + new TreeMap<>(weights).keySet());
        }
        return weight;
    }

    @Override
    public double requiredVotes(int sourceCount) {
        VoteCombinerChecks.requireSources(sourceCount, 1, baseName());
        return threshold;
    }

    @Override
    String baseName() {
        StringBuilder name = new StringBuilder("weighted(");
        new TreeMap<>(weights).forEach((source, weight) -> name.append(source).append('=').append(weight).append(','));
        name.setLength(name.length() - 1);
        return name.append(")>=").append(threshold).toString();
    }
}
