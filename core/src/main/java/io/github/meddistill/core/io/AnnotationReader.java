package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming reader over one input: yields one {@link Annotation} per document, reading only as
 * far as needed, so corpora larger than memory can be processed. Not thread-safe; close it (it holds
 * an open file), preferably with try-with-resources.
 *
 * <pre>{@code
 * try (AnnotationReader reader = JsonlReader.builder().build().open(path)) {
 *     while (reader.hasNext()) { process(reader.next()); }
 *     log.info(reader.report().summary());
 * }
 * }</pre>
 *
 * {@link #hasNext()} and {@link #next()} throw {@link CorpusFormatException} for malformed input and
 * {@link CorpusIoException} when the input cannot be read.
 */
public interface AnnotationReader extends Iterator<Annotation>, AutoCloseable {

    /** What was read so far and what was handled deliberately. */
    ReadReport report();

    /** Releases the input; does not throw checked exceptions. */
    @Override
    void close();

    /** The remaining documents as a stream that closes this reader when closed. */
    default Stream<Annotation> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Reads every remaining document into memory, closes this reader and returns them with the final report. */
    default ReadResult readAll() {
        try {
            List<Annotation> annotations = new ArrayList<>();
            while (hasNext()) {
                annotations.add(next());
            }
            return new ReadResult(annotations, report());
        } finally {
            close();
        }
    }
}
