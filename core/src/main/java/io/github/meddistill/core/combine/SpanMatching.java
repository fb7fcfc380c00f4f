package io.github.meddistill.core.combine;

/** When two sources' spans count as the same vote. */
public enum SpanMatching {

    /** Same start, end and entity type. */
    EXACT,

    /**
     * Same entity type and at least one shared character: a source votes for a candidate span when
     * it has any overlapping span of that type, so "breast cancer" and "cancer" support each other.
     * Which of the overlapping candidates survives is then up to the {@link OverlapPolicy}.
     */
    LENIENT
}
