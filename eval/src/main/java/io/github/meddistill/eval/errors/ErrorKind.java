package io.github.meddistill.eval.errors;

/** Which side an error is on (strict matching). */
public enum ErrorKind {
    /** Predicted, not in gold. */
    FALSE_POSITIVE,
    /** In gold, not predicted. */
    FALSE_NEGATIVE
}
