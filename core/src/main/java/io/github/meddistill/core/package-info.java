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
 *
 * <h2>Exceptions</h2>
 * Every MedDistill exception is unchecked. What a caller meets:
 * <ul>
 *   <li>{@link java.lang.IllegalArgumentException}: a bad argument or builder setting. A builder's {@code build()}
 *       throws one that lists every bad setting ({@link io.github.meddistill.core.SettingsCheck}).
 *       {@link java.lang.NullPointerException} for a missing required argument, {@link java.lang.IllegalStateException}
 *       for an object used in the wrong state (closed). These are the caller's mistakes; fix the call.</li>
 *   <li>{@link io.github.meddistill.core.MedDistillException}: every failure of the work itself, in two kinds.
 *       {@link io.github.meddistill.core.RetriableException} (rate limits, server errors, timeouts): the same call
 *       may succeed later; catch it to retry. {@link io.github.meddistill.core.NonRetriableException}: everything
 *       a retry cannot fix (bad input, authentication, a model that is not there).</li>
 *   <li>{@link io.github.meddistill.core.FileException}, a non-retriable one: a file that cannot be read or
 *       written, or whose content breaks its format. It carries {@code file()} and {@code line()}, and its message
 *       starts with them. Corpus, lexicon and trigger-file readers throw its subclasses.</li>
 * </ul>
 * The published API declares no checked exception, except {@link java.lang.InterruptedException} on blocking waits
 * and {@link java.io.IOException} on {@link io.github.meddistill.core.io.AtomicFiles} and
 * {@link io.github.meddistill.core.context.TriggerFiles#parse(java.io.Reader, String)}, which mirror
 * {@link java.nio.file.Files} on the caller's own paths and readers. {@code ExceptionPolicyTest} in the examples
 * module checks both rules on the compiled library.
 */
package io.github.meddistill.core;
