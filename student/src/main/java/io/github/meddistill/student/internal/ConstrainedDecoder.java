package io.github.meddistill.student.internal;

import java.util.List;

import io.github.meddistill.core.labels.LabelScheme;

/**
 * Finds the most probable tag sequence among the valid ones of a label scheme (Viterbi over per-word label
 * log-probabilities, with the scheme's {@linkplain LabelScheme#allows transitions} as hard constraints). Unlike
 * taking each word's best tag and repairing the sequence afterwards, it never splits an entity into fragments
 * because one inside tag scored slightly lower than outside.
 *
 * <p>It also never lets an entity start right after one of the same type
 * ({@link LabelScheme#startsTouchingEntity}). A model unsure whether a modifier belongs to a mention otherwise
 * emits it as an entity of its own ("severe" + "hypertrophic cardiomyopathy", "fluocinolone" + "acetonide"), two
 * errors under strict matching; the decoder must instead choose between one mention with the modifier and one
 * without it. Gold corpora almost never have touching mentions of one type (none in NCBI-disease, 0.3% of
 * BC5CDR's). Immutable and thread-safe.
 */
public final class ConstrainedDecoder {

    private final int labels;
    private final boolean[] allowedStart;
    private final boolean[] allowedEnd;
    private final boolean[][] allowed;

    /** @param tags the label index of the model */
    public ConstrainedDecoder(LabelScheme scheme, List<String> tags) {
        labels = tags.size();
        allowedStart = new boolean[labels];
        allowedEnd = new boolean[labels];
        allowed = new boolean[labels][labels];
        for (int i = 0; i < labels; i++) {
            allowedStart[i] = scheme.allows(null, tags.get(i));
            allowedEnd[i] = scheme.allows(tags.get(i), null);
            for (int j = 0; j < labels; j++) {
                allowed[i][j] = scheme.allows(tags.get(i), tags.get(j))
                        && !scheme.startsTouchingEntity(tags.get(i), tags.get(j));
            }
        }
    }

    /**
     * The best valid label index per word.
     *
     * @param logProbabilities {@code [word][label]} log-probabilities; a word whose only finite entry is one
     *     label is forced to it
     */
    public int[] decode(double[][] logProbabilities) {
        int words = logProbabilities.length;
        int[] path = new int[words];
        if (words == 0) {
            return path;
        }
        double[] score = new double[labels];
        int[][] back = new int[words][labels];
        for (int j = 0; j < labels; j++) {
            score[j] = allowedStart[j] ? logProbabilities[0][j] : Double.NEGATIVE_INFINITY;
        }
        for (int w = 1; w < words; w++) {
            double[] next = new double[labels];
            for (int j = 0; j < labels; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int from = 0;
                for (int i = 0; i < labels; i++) {
                    if (allowed[i][j] && score[i] > best) {
                        best = score[i];
                        from = i;
                    }
                }
                next[j] = best + logProbabilities[w][j];
                back[w][j] = from;
            }
            score = next;
        }
        int last = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels; j++) {
            if (allowedEnd[j] && score[j] > best) {
                best = score[j];
                last = j;
            }
        }
        path[words - 1] = last;
        for (int w = words - 1; w > 0; w--) {
            path[w - 1] = back[w][path[w]];
        }
        return path;
    }
}
