package io.github.meddistill.eval;

/**
 * True positives, false positives and false negatives, with the precision, recall and F1 they give.
 *
 * <p>Definitions, including the empty cases (never NaN, never -1):
 * <ul>
 *   <li>precision = tp / (tp + fp); when nothing was predicted (tp + fp = 0) it is 1 if nothing was
 *       to be found either (fn = 0), else 0.</li>
 *   <li>recall = tp / (tp + fn); when there was nothing to find (tp + fn = 0) it is 1 if nothing
 *       was predicted either (fp = 0), else 0.</li>
 *   <li>F1 = 2 tp / (2 tp + fp + fn), which is the harmonic mean of precision and recall; it is 1
 *       when all three counts are 0 (empty gold and empty prediction agree perfectly).</li>
 * </ul>
 * So an empty prediction against non-empty gold scores 0/0/0, a non-empty prediction against empty
 * gold scores 0/0/0, and empty against empty scores 1/1/1.
 */
public record Score(long tp, long fp, long fn) {

    /** No counts at all: precision, recall and F1 are 1. */
    public static final Score EMPTY = new Score(0, 0, 0);

    public Score {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("counts must not be negative: tp=" + tp + ", fp=" + fp + ", fn=" + fn);
        }
    }

    public Score plus(Score other) {
        return new Score(tp + other.tp, fp + other.fp, fn + other.fn);
    }

    public double precision() {
        return precision(tp, fp, fn);
    }

    public double recall() {
        return recall(tp, fp, fn);
    }

    public double f1() {
        return f1(tp, fp, fn);
    }

    /** Number of gold mentions (tp + fn). */
    public long gold() {
        return tp + fn;
    }

    /** Number of predicted mentions (tp + fp). */
    public long predicted() {
        return tp + fp;
    }

    /** Precision from raw counts, with the empty-case definition above. */
    public static double precision(long tp, long fp, long fn) {
        return tp + fp == 0 ? (fn == 0 ? 1.0 : 0.0) : (double) tp / (tp + fp);
    }

    /** Recall from raw counts, with the empty-case definition above. */
    public static double recall(long tp, long fp, long fn) {
        return tp + fn == 0 ? (fp == 0 ? 1.0 : 0.0) : (double) tp / (tp + fn);
    }

    /** F1 from raw counts, with the empty-case definition above. */
    public static double f1(long tp, long fp, long fn) {
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 1.0 : 2.0 * tp / denominator;
    }
}
