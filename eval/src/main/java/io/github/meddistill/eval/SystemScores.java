package io.github.meddistill.eval;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The span scores of one system against gold: strict and lenient, per entity type, micro and macro,
 * per document (for the {@link Bootstrap}), and token-level BIO counts as an extra view. Built by {@link SpanEvaluator}. Immutable and
 * thread-safe.
 *
 * <p>The entity types are those of the gold labels and of the predictions together, in natural
 * order; a type only the system predicts scores precision 0, recall 0 (see {@link Score}).
 * Micro scores add the counts of all types; macro scores average the per-type values.
 */
public final class SystemScores {

    static final int TP = 0;
    static final int FP = 1;
    static final int FN = 2;

    private final String system;
    private final List<Annotation> gold;
    private final List<Annotation> predicted;
    private final List<EntityType> types;
    /** Counts per document, mode, type and kind: {@code [((doc * modes + mode) * types + type) * 3 + kind]}. */
    private final long[] counts;
    /** Token-level BIO counts per type and kind, summed over documents; computed on first use (tokenizing costs). */
    private volatile long[] tokenCounts;

    SystemScores(String system, List<Annotation> gold, List<Annotation> predicted, List<EntityType> types, long[] counts) {
        this.system = Objects.requireNonNull(system, "system");
        this.gold = List.copyOf(gold);
        this.predicted = List.copyOf(predicted);
        this.types = List.copyOf(types);
        this.counts = counts;
    }

    /** The system's name. */
    public String system() {
        return system;
    }

    /** Gold annotations, one per document, in gold order. */
    public List<Annotation> gold() {
        return gold;
    }

    /** The system's annotations, aligned with {@link #gold()} by index. */
    public List<Annotation> predicted() {
        return predicted;
    }

    /** Entity types scored, in natural order. */
    public List<EntityType> types() {
        return types;
    }

    public int documentCount() {
        return gold.size();
    }

    /**
     * Counts of one type summed over all documents.
     *
     * @throws IllegalArgumentException if the type was not scored (see {@link #types()})
     */
    public Score score(MatchMode mode, EntityType type) {
        return scoreAt(sum(allDocuments()), mode, indexOf(type));
    }

    /** Counts of each type summed over all documents, in type order. */
    public Map<EntityType, Score> perType(MatchMode mode) {
        long[] sum = sum(allDocuments());
        Map<EntityType, Score> scores = new LinkedHashMap<>();
        for (int t = 0; t < types.size(); t++) {
            scores.put(types.get(t), scoreAt(sum, mode, t));
        }
        return scores;
    }

    /** Counts of all types and documents together. */
    public Score micro(MatchMode mode) {
        return micro(sum(allDocuments()), mode);
    }

    /** Means of the per-type precision, recall and F1. */
    public MacroScore macro(MatchMode mode) {
        return macro(sum(allDocuments()), mode);
    }

    /** Token-level BIO counts per type (see {@link SpanEvaluator}), in type order. */
    public Map<EntityType, Score> tokenPerType() {
        long[] tokenCounts = this.tokenCounts;
        if (tokenCounts == null) {
            // benign race: every thread computes the same values
            tokenCounts = SpanEvaluator.tokenCounts(gold, predicted, types);
            this.tokenCounts = tokenCounts;
        }
        Map<EntityType, Score> scores = new LinkedHashMap<>();
        for (int t = 0; t < types.size(); t++) {
            scores.put(types.get(t), new Score(tokenCounts[t * 3 + TP], tokenCounts[t * 3 + FP], tokenCounts[t * 3 + FN]));
        }
        return scores;
    }

    /** Token-level BIO counts of all types together. */
    public Score tokenMicro() {
        return tokenPerType().values().stream().reduce(Score.EMPTY, Score::plus);
    }

    /**
     * Counts of one document (index in {@link #gold()} order) and type.
     *
     * @throws IllegalArgumentException if the type was not scored
     * @throws IndexOutOfBoundsException if there is no such document
     */
    public Score documentScore(int document, MatchMode mode, EntityType type) {
        java.util.Objects.checkIndex(document, gold.size());
        return scoreAt(sum(new int[] {document}), mode, indexOf(type));
    }

    private int indexOf(EntityType type) {
        int t = types.indexOf(type);
        if (t < 0) {
            throw new IllegalArgumentException(type + " was not scored for " + system + "; scored types: " + types);
        }
        return t;
    }

    int[] allDocuments() {
        int[] all = new int[gold.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Counts per mode, type and kind summed over the given document indices (repeats count again). */
    long[] sum(int[] documents) {
        int width = MatchMode.values().length * types.size() * 3;
        long[] sum = new long[width];
        for (int document : documents) {
            int offset = document * width;
            for (int i = 0; i < width; i++) {
                sum[i] += counts[offset + i];
            }
        }
        return sum;
    }

    Score scoreAt(long[] sum, MatchMode mode, int type) {
        int base = (mode.ordinal() * types.size() + type) * 3;
        return new Score(sum[base + TP], sum[base + FP], sum[base + FN]);
    }

    Score micro(long[] sum, MatchMode mode) {
        Score total = Score.EMPTY;
        for (int t = 0; t < types.size(); t++) {
            total = total.plus(scoreAt(sum, mode, t));
        }
        return total;
    }

    MacroScore macro(long[] sum, MatchMode mode) {
        if (types.isEmpty()) {
            return new MacroScore(1, 1, 1);
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (int t = 0; t < types.size(); t++) {
            Score score = scoreAt(sum, mode, t);
            precision += score.precision();
            recall += score.recall();
            f1 += score.f1();
        }
        int n = types.size();
        return new MacroScore(precision / n, recall / n, f1 / n);
    }

    @Override
    public String toString() {
        return "SystemScores[system=" + system + ", documents=" + gold.size() + ", types=" + types + "]";
    }
}
