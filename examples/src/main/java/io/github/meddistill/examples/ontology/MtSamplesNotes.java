package io.github.meddistill.examples.ontology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code transcription} column of {@code mtsamples_subset.csv} (RFC 4180: quoted fields, {@code ""}
 * for a quote, line breaks inside quotes), as the benchmark's unlabeled clinical text.
 */
public final class MtSamplesNotes {

    private static final String COLUMN = "transcription";

    private MtSamplesNotes() {
    }

    /** The non-empty transcriptions, in file order. */
    public static List<String> read(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /**
     * The non-empty transcriptions of CSV {@code content}, in file order.
     *
     * @param csv where the content came from, for error messages
     */
    public static List<String> parse(String content, String csv) {
        List<List<String>> records = records(content, csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(csv + ": expected a header row with column '" + COLUMN
                    + "', found an empty file");
        }
        int column = records.get(0).indexOf(COLUMN);
        if (column < 0) {
            throw new IllegalArgumentException(csv + ":1: expected a column '" + COLUMN + "', found "
                    + records.get(0));
        }
        List<String> notes = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() <= column) {
                throw new IllegalArgumentException(csv + ": record " + (r + 1) + " has " + record.size()
                        + " fields, expected at least " + (column + 1));
            }
            if (!record.get(column).isBlank()) {
                notes.add(record.get(column));
            }
        }
        return notes;
    }

    private static List<List<String>> records(String content, String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(csv + ": expected a closing quote, found the end of the file");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
