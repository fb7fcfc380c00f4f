package io.github.meddistill.ontology.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records from a {@link LineReader}: fields separated by a delimiter, optionally
 * enclosed in double quotes, {@code ""} for a quote inside a quoted field, and line breaks allowed
 * inside quoted fields. Not thread-safe.
 */
public final class CsvRecordReader {

    private final LineReader lines;
    private final char delimiter;
    private long recordLine;

    public CsvRecordReader(LineReader lines, char delimiter) {
        this.lines = lines;
        this.delimiter = delimiter;
    }

    /** The next record's fields, or null at the end of the file. */
    public List<String> next() {
        String line = lines.next();
        if (line == null) {
            return null;
        }
        recordLine = lines.lineNumber();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                line = lines.next();
                if (line == null) {
                    throw lines.error("expected a closing quote for the field opened on line " + recordLine
                            + ", found the end of the file");
                }
                field.append('\n');
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i < line.length() && line.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (afterQuote) {
                throw lines.error("expected '" + delimiter + "' or the end of the line after a closing quote,"
                        + " found '" + c + "' in field " + (fields.size() + 1));
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
    }

    /** The line on which the record last returned by {@link #next()} started. */
    public long recordLine() {
        return recordLine;
    }
}
