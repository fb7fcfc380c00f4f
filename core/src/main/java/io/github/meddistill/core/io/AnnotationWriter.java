package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;

/**
 * Writes annotations one document at a time, so a corpus never has to be in memory. Not
 * thread-safe; close it (with try-with-resources) to flush and release the output.
 * Failures are {@link CorpusIoException}s; documents written before a failure stay written.
 */
public interface AnnotationWriter extends AutoCloseable {

    /** Writes one document with its entities. */
    void write(Annotation annotation);

    /** Writes every annotation, in order. */
    default void writeAll(Iterable<Annotation> annotations) {
        for (Annotation annotation : annotations) {
            write(annotation);
        }
    }

    /** What was written so far. */
    WriteReport report();

    /** Flushes and releases the output; does not throw checked exceptions. */
    @Override
    void close();
}
