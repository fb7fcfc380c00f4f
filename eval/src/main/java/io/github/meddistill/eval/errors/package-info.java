/**
 * Error analysis: a system's strict false positives and false negatives per entity type, grouped by surface
 * form, most frequent first, with a little context. Contains note text (PHI).
 *
 * <pre>{@code
 * ErrorAnalysis errors = ErrorAnalysis.of(SpanEvaluator.score("doid", gold, predicted), 40, 3);
 * }</pre>
 */
package io.github.meddistill.eval.errors;
