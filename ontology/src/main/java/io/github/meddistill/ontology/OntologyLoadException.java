package io.github.meddistill.ontology;

import io.github.meddistill.core.FileException;

/** A vocabulary file could not be found, opened or read. The message starts with the file. */
public class OntologyLoadException extends FileException {

    private static final long serialVersionUID = 1L;

    public OntologyLoadException(String file, String message) {
        super(file, 0, file + ": " + message, null);
    }

    public OntologyLoadException(String file, String message, Throwable cause) {
        super(file, 0, file + ": " + message, cause);
    }

    /** For subclasses that name a line: the message is {@code file:line: message}. */
    protected OntologyLoadException(String file, long line, String message, Throwable cause) {
        super(file, line, file + ":" + line + ": " + message, cause);
    }
}
