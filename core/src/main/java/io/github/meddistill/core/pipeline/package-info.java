/**
 * The distillation pipeline: {@link io.github.meddistill.core.pipeline.Distillation} labels unlabeled notes with
 * every teacher (journalled, resumable), lets a {@link io.github.meddistill.core.pipeline.CombinationSelector}
 * choose how to combine them per entity type, trains the student on the combination (and, for reference, on gold
 * labels), and hands every system's test predictions, time and cost to an
 * {@link io.github.meddistill.core.pipeline.Evaluator}.
 *
 * <pre>{@code
 * DistillationResult result = Distillation.builder(Set.of(EntityType.DISEASE), trainer, Path.of("run"))
 *         .addTeacher(teacher).build().run(notes);
 * }</pre>
 */
package io.github.meddistill.core.pipeline;
