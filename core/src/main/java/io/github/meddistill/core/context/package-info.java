/**
 * Assertion status of entity mentions with the ConText algorithm (Harkema et al., 2009): negated, uncertain,
 * hypothetical, historical and who experiences it, decided by trigger phrases, pseudo-triggers and termination
 * terms scoped to the sentence. JDK only.
 *
 * <pre>{@code
 * ContextEngine context = ContextEngine.builder().addTriggers(TriggerFiles.read(Path.of("site-triggers.tsv"))).build();
 * List<Entity> entities = context.apply(note, student.extract(note));   // each entity.assertion() decided
 * Teacher affirmed = AffirmedOnlyTeacher.wrap(teacher, context);        // train on affirmed mentions only
 * }</pre>
 */
package io.github.meddistill.core.context;
