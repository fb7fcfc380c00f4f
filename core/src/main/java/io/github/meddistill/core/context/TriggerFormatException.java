package io.github.meddistill.core.context;

import io.github.meddistill.core.FileException;

/** A trigger file line that is not {@code phrase<TAB>KIND<TAB>CATEGORY}; the message names file and line. */
public final class TriggerFormatException extends FileException {

    private static final long serialVersionUID = 1L;

    public TriggerFormatException(String source, long line, String message) {
        super(source, line, source + ":" + line + ": " + message, null);
    }
}
