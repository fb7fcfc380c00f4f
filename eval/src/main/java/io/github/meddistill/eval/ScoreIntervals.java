package io.github.meddistill.eval;

/** Bootstrap intervals of precision, recall and F1 of one scope (a type, micro or macro). */
public record ScoreIntervals(ConfidenceInterval precision, ConfidenceInterval recall, ConfidenceInterval f1) {
}
