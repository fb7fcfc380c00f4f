/**
 * A gold set from your annotators: {@link io.github.meddistill.examples.annotation.AnnotationSample} picks the notes
 * the teachers disagree on most (stratified so rare types appear, reproducible by seed),
 * {@link io.github.meddistill.examples.annotation.AnnotationTool} writes them as Label Studio tasks with the teachers'
 * labels as pre-annotations or as doccano / Prodigy JSONL, and reads the tools' exports back as gold, offsets converted
 * from the tools' Unicode code points to Java's UTF-16 indices.
 *
 * <pre>{@code
 * List<AnnotationSample.Pick> picks = AnnotationSample.pick(teacherLabels, types, 50, 42);
 * String tasks = AnnotationTool.LABEL_STUDIO.export(picks, types);
 * AnnotationTool.Import gold = AnnotationTool.LABEL_STUDIO.read(List.of(exportFile), AnnotationTool.Merge.MAJORITY, null);
 * }</pre>
 */
package io.github.meddistill.examples.annotation;
