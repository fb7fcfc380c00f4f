package io.github.meddistill.ontology;

/**
 * A vocabulary file does not have the expected format. The message reads
 * {@code file:line: expected ..., found ...}.
 */
public class OntologyFormatException extends OntologyLoadException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public OntologyFormatException(String file, long line, String message) {
        this(file, line, message, null);
    }

    public OntologyFormatException(String file, long line, String message, Throwable cause) {
        super(file, file + ":" + line, message, cause);
        this.line = line;
    }

    /** The 1-based line number where the problem was found (0: the file as a whole, e.g. empty). */
    public long line() {
        return line;
    }
}
