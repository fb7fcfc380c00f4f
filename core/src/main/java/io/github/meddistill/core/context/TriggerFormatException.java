package io.github.meddistill.core.context;

import io.github.meddistill.core.NonRetriableException;

/** A trigger file line that is not {@code phrase<TAB>KIND<TAB>CATEGORY}; the message names file and line. */
public final class TriggerFormatException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    public TriggerFormatException(String source, long line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file or resource that was read. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the bad line. */
    public long line() {
        return line;
    }
}
