package io.github.meddistill.eval.errors;

/** A hint at why a strict error happened, from what the other side has at that place. */
public enum ErrorCause {
    /** The other side has an overlapping span of the same type with other boundaries (a lenient match). */
    BOUNDARY,
    /** The other side has the same span with another type. */
    WRONG_TYPE,
    /** The other side has nothing of this type overlapping it. */
    UNMATCHED
}
