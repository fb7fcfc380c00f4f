package io.github.meddistill.core.io;

import io.github.meddistill.core.FileException;

/**
 * A corpus file that does not follow its format. The message names the file, the line (1-based; 0
 * when the problem concerns the whole file), the field, what was expected and what was found, e.g.
 * {@code train.txt:12: field 'end': expected an offset <= text length 230, but was '245'}.
 * Values found in the file are quoted and shortened to 80 characters, since they may be clinical text.
 */
public class CorpusFormatException extends FileException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_LENGTH = 80;

    private final String field;
    private final String expected;
    private final String actual;

    public CorpusFormatException(String file, long line, String field, String expected, String actual) {
        this(file, line, field, expected, actual, null);
    }

    public CorpusFormatException(String file, long line, String field, String expected, String actual, Throwable cause) {
        super(file, line, file + ":" + line + ": field '" + field + "': expected " + expected + ", but was "
                + quote(actual), cause);
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    /** The field, column or part of the line that is wrong. */
    public String field() {
        return field;
    }

    /** What the format requires there. */
    public String expected() {
        return expected;
    }

    /** What the file holds there, unshortened. */
    public String actual() {
        return actual;
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() <= MAX_VALUE_LENGTH ? value
                : value.substring(0, MAX_VALUE_LENGTH) + "... (" + value.length() + " chars)";
        return "'" + shown + "'";
    }
}
