package io.github.meddistill.core.context;

import io.github.meddistill.core.io.CorpusIoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads trigger files: UTF-8 text, one entry per line as {@code phrase<TAB>KIND<TAB>CATEGORY} (for example
 * {@code "denies\tPRE\tNEGATED"}); blank lines and lines starting with {@code #} are skipped. Kinds are the names
 * of {@link Trigger.Kind}, categories those of {@link Trigger.Category}, case-insensitive.
 *
 * <pre>{@code
 * ContextEngine engine = ContextEngine.builder().addTriggers(TriggerFiles.read(Path.of("my-triggers.tsv"))).build();
 * }</pre>
 */
public final class TriggerFiles {

    /** The built-in lexicon, written for MedDistill from the definitions of Harkema et al. (2009). */
    static final String DEFAULT_RESOURCE = "default-triggers.tsv";

    private TriggerFiles() {
    }

    /**
     * The entries of {@code file}, in file order.
     *
     * @throws TriggerFormatException naming the file and line of the first bad line
     * @throws CorpusIoException if the file cannot be read
     */
    public static List<Trigger> read(Path file) {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot read trigger file " + file, e);
        }
    }

    /** The built-in lexicon (see {@link ContextEngine}). */
    public static List<Trigger> defaults() {
        InputStream in = TriggerFiles.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("expected the resource " + DEFAULT_RESOURCE + " in the core jar, found none");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the resource " + DEFAULT_RESOURCE, e);
        }
    }

    /** Parses trigger lines from {@code reader}; {@code name} appears in errors. */
    public static List<Trigger> parse(Reader reader, String name) throws IOException {
        List<Trigger> triggers = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new TriggerFormatException(name, number, "expected 3 tab-separated fields (phrase, kind,"
                        + " category), found " + fields.length + ": '" + stripped + "'");
            }
            if (fields[0].isBlank()) {
                throw new TriggerFormatException(name, number, "expected a phrase in the first field, found none");
            }
            Trigger.Kind kind = parseEnum(Trigger.Kind.class, fields[1], name, number, "kind");
            Trigger.Category category = parseEnum(Trigger.Category.class, fields[2], name, number, "category");
            try {
                triggers.add(new Trigger(fields[0], kind, category));
            } catch (IllegalArgumentException e) {
                throw new TriggerFormatException(name, number, e.getMessage());
            }
        }
        return List.copyOf(triggers);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String name, long number,
                                                   String field) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriggerFormatException(name, number, "expected a " + field + " (one of "
                    + Arrays.toString(type.getEnumConstants()) + "), found '" + value.strip() + "'");
        }
    }
}
