package io.github.meddistill.core.io;

import io.github.meddistill.core.FileException;
import java.io.IOException;

/** A corpus file or folder that cannot be read or written (missing, not readable, disk full). */
public class CorpusIoException extends FileException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file or folder
     * @param message what could not be done, naming the file (e.g. {@code "cannot read notes.jsonl"})
     */
    public CorpusIoException(Object file, String message, IOException cause) {
        super(String.valueOf(file), 0, message + ": " + cause, cause);
    }
}
