/**
 * Evaluation reports: {@link io.github.meddistill.eval.report.EvaluationReport} scores several systems on the
 * same gold documents and renders JSON (schema in {@link io.github.meddistill.eval.report.JsonReport}),
 * Markdown and one self-contained HTML page with inline SVG charts. Reports contain note text (error lists):
 * write them only where the user points. {@link io.github.meddistill.eval.report.StandardEvaluator} plugs
 * this into the distillation pipeline.
 *
 * <pre>{@code
 * EvaluationReport.builder(gold).addSystem("doid", "teacher", doid).build().writeReports(Path.of("out"));
 * }</pre>
 */
package io.github.meddistill.eval.report;
