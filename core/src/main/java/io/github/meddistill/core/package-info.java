/**
 * The MedDistill domain: {@link io.github.meddistill.core.Document}s, the
 * {@link io.github.meddistill.core.Entity} mentions found in them, {@link io.github.meddistill.core.Annotation}s
 * that say who found them, and the three roles of the method: {@link io.github.meddistill.core.Teacher}s label,
 * a {@link io.github.meddistill.core.StudentTrainer} trains a {@link io.github.meddistill.core.Student} on the
 * combined labels, and {@link io.github.meddistill.core.OntologyMatcher}s turn terminologies into teachers.
 *
 * <pre>{@code
 * Document note = new Document("n1", "Started metformin for type 2 diabetes.");
 * Annotation gold = new Annotation(note, List.of(Entity.of(note.text(), 8, 17, EntityType.MEDICATION)), "gold");
 * }</pre>
 */
package io.github.meddistill.core;
