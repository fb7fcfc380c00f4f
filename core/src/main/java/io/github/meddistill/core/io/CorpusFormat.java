package io.github.meddistill.core.io;

import io.github.meddistill.core.io.internal.Inputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The corpus formats MedDistill reads, and how each is recognised from a path: first by name, then by content.
 * {@link Corpora#read(Path)} uses it; so does the command line.
 */
public enum CorpusFormat {
    /** MedDistill JSONL ({@link JsonlReader}). */
    JSONL,
    /** PubTator, as NCBI-disease and BC5CDR ship ({@link PubTatorReader}). */
    PUBTATOR,
    /** brat standoff: a folder of {@code .txt}/{@code .ann} pairs, or one pair ({@link BratReader}). */
    BRAT,
    /** CoNLL / IOB token-per-line ({@link ConllReader}). */
    CONLL;

    private static final Pattern PUBTATOR_LINE = Pattern.compile("^[^|\\t]+\\|[tTaA]\\|.*|^[^\\t]+\\t\\d+\\t\\d+\\t.*");
    private static final Pattern CONLL_LINE = Pattern.compile("^\\S+([ \\t]+\\S+)*[ \\t]+(O|[BIELSU]-\\S+)$");
    private static final int SNIFFED_LINES = 20;

    /**
     * The format named {@code name} (case-insensitive: {@code jsonl}, {@code pubtator}, {@code brat}, {@code conll}),
     * or, when {@code name} is {@code null}, the one {@link #detect(Path) detected} from the path.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CorpusFormat of(String name, Path path) {
        if (name == null) {
            return detect(path);
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "': expected jsonl, pubtator, brat or conll", e);
        }
    }

    /**
     * The format of {@code path}. By name (a {@code .gz} after it is ignored): a folder, {@code .ann}, or a
     * {@code .txt} next to an {@code .ann} of the same stem is brat; {@code .jsonl}/{@code .ndjson} JSONL;
     * {@code .conll}/{@code .iob}/{@code .bio}/{@code .tsv} CoNLL; {@code .pubtator} PubTator. Otherwise by the
     * first lines of the (gunzipped) content: a JSON object is JSONL, {@code id|t|title} or
     * {@code id<TAB>start<TAB>end<TAB>...} is PubTator, {@code token<TAB>B-TYPE} is CoNLL.
     *
     * @throws CorpusFormatException when neither name nor content tells
     * @throws CorpusIoException when the path cannot be read
     */
    public static CorpusFormat detect(Path path) {
        return byName(path).orElseGet(() -> byContent(path));
    }

    private static Optional<CorpusFormat> byName(Path path) {
        if (Files.isDirectory(path)) {
            return Optional.of(BRAT);
        }
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (file.endsWith(".ann")) {
            return Optional.of(BRAT);
        }
        if (file.endsWith(".txt")) {
            Path ann = path.resolveSibling(path.getFileName().toString().replaceFirst("(?i)\\.txt$", ".ann"));
            if (Files.isRegularFile(ann)) {
                return Optional.of(BRAT);
            }
        }
        if (file.endsWith(".jsonl") || file.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (file.endsWith(".conll") || file.endsWith(".iob") || file.endsWith(".bio") || file.endsWith(".tsv")) {
            return Optional.of(CONLL);
        }
        if (file.endsWith(".pubtator")) {
            return Optional.of(PUBTATOR);
        }
        return Optional.empty();
    }

    private static CorpusFormat byContent(Path path) {
        String first = null;
        try (InputStream in = Inputs.open(path);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int seen = 0;
            for (String line = lines.readLine(); line != null && seen < SNIFFED_LINES; line = lines.readLine()) {
                String text = line.replace("\uFEFF", "").strip();
                if (text.isEmpty()) {
                    continue;
                }
                seen++;
                first = first == null ? text : first;
                if (text.startsWith("{")) {
                    return JSONL;
                }
                if (PUBTATOR_LINE.matcher(line).matches()) {
                    return PUBTATOR;
                }
                if (text.startsWith("-DOCSTART-") || CONLL_LINE.matcher(text).matches()) {
                    return CONLL;
                }
            }
        } catch (IOException e) {
            throw new CorpusIoException(path, "cannot read " + path, e);
        }
        throw new CorpusFormatException(path.toString(), 0, "format", "a corpus in JSONL, PubTator, brat or CoNLL (by"
                + " name: .jsonl, .pubtator, .ann or a folder, .conll/.tsv/.iob; by content: a JSON object,"
                + " 'id|t|title', 'token<TAB>B-TYPE'); name the format", first == null ? "an empty file" : first);
    }

    /** Reads the whole corpus at {@code path} in this format, mapping labels with {@code mapping}. */
    public ReadResult read(Path path, TypeMapping mapping) {
        return switch (this) {
            case JSONL -> JsonlReader.builder().typeMapping(mapping).build().read(path);
            case PUBTATOR -> PubTatorReader.builder().typeMapping(mapping).build().read(path);
            case BRAT -> BratReader.builder().typeMapping(mapping).build().read(path);
            case CONLL -> ConllReader.builder().typeMapping(mapping).build().read(path);
        };
    }
}
