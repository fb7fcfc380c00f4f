package io.github.meddistill.eval;

/** A percentile bootstrap interval {@code [lower, upper]} at {@link Bootstrap#confidenceLevel()}. */
public record ConfidenceInterval(double lower, double upper) {

    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower must not be larger than upper: lower=" + lower + ", upper=" + upper);
        }
    }
}
