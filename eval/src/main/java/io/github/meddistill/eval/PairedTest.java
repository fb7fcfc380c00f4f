package io.github.meddistill.eval;

/**
 * One paired bootstrap test of "system A has a higher F1 than system B".
 *
 * @param f1A F1 of A on all documents
 * @param f1B F1 of B on all documents
 * @param pValue {@code (1 + r) / (1 + R)}, where {@code r} counts the resamples in which A's F1 is
 *     not higher than B's and {@code R} is the number of resamples; small values mean A is reliably better.
 *     Never 0: the smallest value is {@code 1 / (1 + R)}.
 */
public record PairedTest(double f1A, double f1B, double pValue) {

    /** F1 of A minus F1 of B. */
    public double difference() {
        return f1A - f1B;
    }
}
