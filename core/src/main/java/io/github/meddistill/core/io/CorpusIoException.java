package io.github.meddistill.core.io;

import io.github.meddistill.core.NonRetriableException;
import java.io.IOException;

/** A corpus file or folder that cannot be read or written (missing, not readable, disk full). */
public class CorpusIoException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    public CorpusIoException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }
}
