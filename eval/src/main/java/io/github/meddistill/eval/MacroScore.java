package io.github.meddistill.eval;

/**
 * Unweighted means of the per-type precision, recall and F1 (each type counts the same however
 * many mentions it has). Over no types at all the three values are 1, matching {@link Score#EMPTY}.
 */
public record MacroScore(double precision, double recall, double f1) {
}
