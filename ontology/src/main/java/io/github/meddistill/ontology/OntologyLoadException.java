package io.github.meddistill.ontology;

import io.github.meddistill.core.NonRetriableException;

/** A vocabulary file could not be found, opened or read. The message starts with the file. */
public class OntologyLoadException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    private final String file;

    public OntologyLoadException(String file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public OntologyLoadException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** For subclasses that put more than the file in front of the message. */
    protected OntologyLoadException(String file, String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.file = file;
    }

    /** The file (for a file inside a zip: {@code archive.zip!/entry}). */
    public String file() {
        return file;
    }
}
