package io.github.meddistill.ontology;

/**
 * A vocabulary file does not have the expected format. The message reads
 * {@code file:line: expected ..., found ...}.
 */
public class OntologyFormatException extends OntologyLoadException {

    private static final long serialVersionUID = 1L;

    public OntologyFormatException(String file, long line, String message) {
        this(file, line, message, null);
    }

    public OntologyFormatException(String file, long line, String message, Throwable cause) {
        super(file, line, message, cause);
    }
}
