/**
 * Scoring entity annotations against gold labels: strict and lenient span precision, recall and F1
 * per entity type, micro and macro ({@link io.github.meddistill.eval.SpanEvaluator},
 * {@link io.github.meddistill.eval.SystemScores}), and bootstrap confidence intervals and paired tests
 * over documents ({@link io.github.meddistill.eval.Bootstrap}). Sub-packages: {@code search} (teacher-subset
 * search), {@code cost} (speed and cost), {@code errors} (error analysis), {@code report} (JSON, Markdown and
 * HTML reports).
 *
 * <pre>{@code
 * SystemScores scores = SpanEvaluator.score("gpt-4o", gold, predictions);
 * BootstrapIntervals ci = Bootstrap.builder().seed(42).build().intervals(scores);
 * System.out.println(scores.micro(MatchMode.STRICT).f1() + " " + ci.micro().get(MatchMode.STRICT).f1());
 * }</pre>
 */
package io.github.meddistill.eval;
