package io.github.meddistill.eval;

/** How a predicted span must match a gold span to count as a true positive. */
public enum MatchMode {

    /** Same start, same end, same entity type. */
    STRICT,

    /**
     * Same entity type and at least one shared character. Matching is one-to-one: each gold span
     * matches at most one predicted span and vice versa, and the number of matched pairs is the
     * largest possible, so lenient true positives are never fewer than strict ones.
     */
    LENIENT;

    /** Lower-case name used in JSON reports ({@code "strict"}, {@code "lenient"}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
