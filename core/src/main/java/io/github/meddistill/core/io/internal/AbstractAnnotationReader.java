package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.io.AnnotationReader;
import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.ReadReport;
import java.util.NoSuchElementException;

/**
 * Iterator plumbing for readers: subclasses return one document at a time from {@link #readNext()}.
 * An input without any document fails, since an empty corpus file is almost always a mistake.
 */
public abstract class AbstractAnnotationReader implements AnnotationReader {

    protected final ReportCollector report;
    private final String source;
    private Annotation next;
    private boolean finished;
    private boolean closed;

    protected AbstractAnnotationReader(String source) {
        this.source = source;
        this.report = new ReportCollector(source);
    }

    /** The next document, or {@code null} when the input is exhausted. */
    protected abstract Annotation readNext();

    /** Releases the input. */
    protected abstract void closeInput();

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            if (closed) {
                throw new IllegalStateException("reader of " + source + " is closed");
            }
            next = readNext();
            if (next == null) {
                finished = true;
                if (report.report().documents() == 0) {
                    throw new CorpusFormatException(source, 0, "document", "at least one document", "an empty input");
                }
            }
        }
        return next != null;
    }

    @Override
    public final Annotation next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more documents in " + source);
        }
        Annotation result = next;
        next = null;
        return result;
    }

    @Override
    public final ReadReport report() {
        return report.report();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            closeInput();
        }
    }
}
