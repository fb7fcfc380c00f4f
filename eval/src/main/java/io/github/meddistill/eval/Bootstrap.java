package io.github.meddistill.eval;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Bootstrap over documents: confidence intervals of a system's scores, and a paired test between two
 * systems. Each resample draws as many documents as the corpus has, with replacement; the same seed
 * gives the same resamples, so results are reproducible. Intervals are percentile intervals.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Bootstrap bootstrap = Bootstrap.builder().resamples(2000).seed(7).build();
 * BootstrapIntervals ci = bootstrap.intervals(scores);
 * }</pre>
 */
public final class Bootstrap {

    private final int resamples;
    private final long seed;
    private final double confidenceLevel;

    private Bootstrap(Builder builder) {
        this.resamples = builder.resamples;
        this.seed = builder.seed;
        this.confidenceLevel = builder.confidenceLevel;
    }

    /** 1,000 resamples, seed 42, 95% intervals. */
    public static Bootstrap defaults() {
        return builder().build();
    }

    /** 1,000 resamples, seed 42, 95% intervals unless set otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** Intervals of the micro, macro and per-type precision, recall and F1 of one system. */
    public BootstrapIntervals intervals(SystemScores scores) {
        Objects.requireNonNull(scores, "scores");
        int types = scores.types().size();
        int modes = MatchMode.values().length;
        // values[mode][scope][metric][resample]; scope = types, then micro, then macro
        double[][][][] values = new double[modes][types + 2][3][resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            long[] sum = scores.sum(draw(random, scores.documentCount()));
            for (MatchMode mode : MatchMode.values()) {
                double[][][] v = values[mode.ordinal()];
                for (int t = 0; t < types; t++) {
                    Score score = scores.scoreAt(sum, mode, t);
                    v[t][0][r] = score.precision();
                    v[t][1][r] = score.recall();
                    v[t][2][r] = score.f1();
                }
                Score micro = scores.micro(sum, mode);
                v[types][0][r] = micro.precision();
                v[types][1][r] = micro.recall();
                v[types][2][r] = micro.f1();
                MacroScore macro = scores.macro(sum, mode);
                v[types + 1][0][r] = macro.precision();
                v[types + 1][1][r] = macro.recall();
                v[types + 1][2][r] = macro.f1();
            }
        }
        Map<MatchMode, ScoreIntervals> micro = new EnumMap<>(MatchMode.class);
        Map<MatchMode, ScoreIntervals> macro = new EnumMap<>(MatchMode.class);
        Map<MatchMode, Map<EntityType, ScoreIntervals>> perType = new EnumMap<>(MatchMode.class);
        for (MatchMode mode : MatchMode.values()) {
            double[][][] v = values[mode.ordinal()];
            Map<EntityType, ScoreIntervals> byType = new LinkedHashMap<>();
            for (int t = 0; t < types; t++) {
                byType.put(scores.types().get(t), intervals(v[t]));
            }
            perType.put(mode, byType);
            micro.put(mode, intervals(v[types]));
            macro.put(mode, intervals(v[types + 1]));
        }
        return new BootstrapIntervals(scores.system(), confidenceLevel, resamples, seed, micro, macro, perType);
    }

    /**
     * Paired test of "A has a higher F1 than B", on micro F1 and on each type both were scored on.
     *
     * @throws IllegalArgumentException if the two were not scored on the same documents
     */
    public PairedComparison compare(SystemScores a, SystemScores b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int[] bIndexOfA = sameDocuments(a, b);
        List<EntityType> sharedTypes = a.types().stream().filter(b.types()::contains).toList();
        int modes = MatchMode.values().length;
        int[][] notBetter = new int[modes][sharedTypes.size() + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            int[] sampleA = draw(random, a.documentCount());
            int[] sampleB = new int[sampleA.length];
            for (int i = 0; i < sampleA.length; i++) {
                sampleB[i] = bIndexOfA[sampleA[i]];
            }
            long[] sumA = a.sum(sampleA);
            long[] sumB = b.sum(sampleB);
            for (MatchMode mode : MatchMode.values()) {
                int m = mode.ordinal();
                for (int t = 0; t < sharedTypes.size(); t++) {
                    double f1A = a.scoreAt(sumA, mode, a.types().indexOf(sharedTypes.get(t))).f1();
                    double f1B = b.scoreAt(sumB, mode, b.types().indexOf(sharedTypes.get(t))).f1();
                    notBetter[m][t] += f1A <= f1B ? 1 : 0;
                }
                notBetter[m][sharedTypes.size()] += a.micro(sumA, mode).f1() <= b.micro(sumB, mode).f1() ? 1 : 0;
            }
        }
        Map<MatchMode, PairedTest> micro = new EnumMap<>(MatchMode.class);
        Map<MatchMode, Map<EntityType, PairedTest>> perType = new EnumMap<>(MatchMode.class);
        for (MatchMode mode : MatchMode.values()) {
            int m = mode.ordinal();
            Map<EntityType, PairedTest> byType = new LinkedHashMap<>();
            for (int t = 0; t < sharedTypes.size(); t++) {
                EntityType type = sharedTypes.get(t);
                byType.put(type, new PairedTest(a.score(mode, type).f1(), b.score(mode, type).f1(), pValue(notBetter[m][t])));
            }
            perType.put(mode, byType);
            micro.put(mode, new PairedTest(a.micro(mode).f1(), b.micro(mode).f1(), pValue(notBetter[m][sharedTypes.size()])));
        }
        return new PairedComparison(a.system(), b.system(), resamples, seed, micro, perType);
    }

    private double pValue(int notBetter) {
        return (1.0 + notBetter) / (1.0 + resamples);
    }

    /** For each document of A (by index), its index in B. */
    private static int[] sameDocuments(SystemScores a, SystemScores b) {
        Map<String, Integer> indexInB = new HashMap<>();
        for (int i = 0; i < b.gold().size(); i++) {
            indexInB.put(b.gold().get(i).documentId(), i);
        }
        int[] mapping = new int[a.gold().size()];
        for (int i = 0; i < mapping.length; i++) {
            Annotation gold = a.gold().get(i);
            Integer j = indexInB.get(gold.documentId());
            if (j == null) {
                throw new IllegalArgumentException("document '" + gold.documentId() + "' was scored for " + a.system()
                        + " but not for " + b.system() + ": a paired test needs the same documents");
            }
            mapping[i] = j;
        }
        if (a.gold().size() != b.gold().size()) {
            throw new IllegalArgumentException(b.system() + " was scored on " + b.gold().size() + " documents and "
                    + a.system() + " on " + a.gold().size() + ": a paired test needs the same documents");
        }
        return mapping;
    }

    /** One resample: {@code documents} indices drawn with replacement; the r-th call for a seed is always the same. */
    private static int[] draw(SplittableRandom random, int documents) {
        int[] sample = new int[documents];
        for (int i = 0; i < documents; i++) {
            sample[i] = random.nextInt(documents);
        }
        return sample;
    }

    private ScoreIntervals intervals(double[][] metricValues) {
        return new ScoreIntervals(percentiles(metricValues[0]), percentiles(metricValues[1]), percentiles(metricValues[2]));
    }

    private ConfidenceInterval percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double alpha = 1 - confidenceLevel;
        int lower = (int) Math.floor(alpha / 2 * resamples);
        int upper = (int) Math.ceil((1 - alpha / 2) * resamples) - 1;
        lower = Math.min(Math.max(lower, 0), resamples - 1);
        upper = Math.min(Math.max(upper, lower), resamples - 1);
        return new ConfidenceInterval(sorted[lower], sorted[upper]);
    }

    /** Builds a {@link Bootstrap}; not thread-safe. */
    public static final class Builder {

        private int resamples = 1000;
        private long seed = 42;
        private double confidenceLevel = 0.95;

        private Builder() {
        }

        /** Number of resamples, at least 1 (default 1,000). */
        public Builder resamples(int resamples) {
            this.resamples = resamples;
            return this;
        }

        /** Random seed (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Interval coverage, strictly between 0 and 1 (default 0.95). */
        public Builder confidenceLevel(double confidenceLevel) {
            this.confidenceLevel = confidenceLevel;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad field */
        public Bootstrap build() {
            SettingsCheck check = SettingsCheck.of("the bootstrap");
            check.require(resamples >= 1, "resamples must be at least 1: resamples=" + resamples);
            check.require(confidenceLevel > 0 && confidenceLevel < 1,
                    "confidenceLevel must be between 0 and 1 (exclusive): confidenceLevel=" + confidenceLevel);
            check.throwIfAny();
            return new Bootstrap(this);
        }
    }
}
