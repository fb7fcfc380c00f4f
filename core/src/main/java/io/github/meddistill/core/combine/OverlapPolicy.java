package io.github.meddistill.core.combine;

/**
 * What happens to spans that passed the vote but overlap or nest in one another (of any type).
 *
 * <p>Every policy except {@link #KEEP_ALL} is greedy: the kept spans are ranked by the policy's key,
 * and a span survives when it overlaps no span ranked before it that survived. Ties are broken by
 * the remaining keys in this order: length (longer first), votes (more first), start (earlier
 * first), entity type name. The result therefore never contains two overlapping spans.
 */
public enum OverlapPolicy {

    /**
     * Keep every span that passed the vote, nested and overlapping ones included. A flat label
     * scheme (BIO) later keeps the longest when it encodes them.
     */
    KEEP_ALL,

    /** Longer spans first; among equally long ones, more votes first. */
    LONGEST_WINS,

    /** More votes (summed weights) first; among equal votes, longer first. */
    MOST_VOTES,

    /**
     * Spans proposed by earlier sources first, in the order the annotations are passed to
     * {@link Combiner#combine}: a span's rank is the position of the first source that has exactly
     * that span. Among equal ranks, longer first.
     */
    SOURCE_PRIORITY
}
