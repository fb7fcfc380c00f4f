package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.internal.AbstractAnnotationReader;
import io.github.meddistill.core.io.internal.CodePointOffsets;
import io.github.meddistill.core.io.internal.Inputs;
import io.github.meddistill.core.io.internal.Labels;
import io.github.meddistill.core.io.internal.Utf8Files;
import io.github.meddistill.core.io.internal.Utf8LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads brat standoff annotations: a {@code name.txt} with the text and a {@code name.ann} next to
 * it. Immutable and thread-safe; each {@link #open} returns an independent, single-threaded reader
 * that reads one document at a time, in file-name order. The document id is the file name without
 * {@code .txt}.
 *
 * <p>Handled deliberately, each counted in the {@link ReadReport}:
 * <ul>
 *   <li>Text-bound annotations {@code T1<TAB>Label start end[;start end...]<TAB>text} become entities;
 *       their label goes through the {@link TypeMapping} (unmapped labels may be skipped or fail).</li>
 *   <li>Discontinuous annotations (several fragments) follow {@link Discontinuous}: by default one
 *       entity from the first fragment's start to the last fragment's end.</li>
 *   <li>Overlapping and nested entities are all kept ({@link ReadNotice.Kind#OVERLAPPING_ENTITIES});
 *       a label scheme keeps the longest when encoding.</li>
 *   <li>Relations, events, attributes, normalizations and notes ({@code R E A M N * #}) are skipped.</li>
 *   <li>A {@code .txt} without {@code .ann} is a document without entities.</li>
 * </ul>
 * Offsets count Unicode code points, as brat (Python) does. The text is taken verbatim ({@code \r\n}
 * stays, as brat counts it); a UTF-8 byte-order mark is removed from the text and, since brat counts
 * it as a character, every offset of that document is shifted down by one. The stated text of each
 * annotation (fragments joined by one space) must equal the text at its offsets; it may differ by
 * surrounding whitespace or stop at the first line break inside the span (both reported). Only
 * entities that are kept are checked: an annotation whose label the mapping skips is not read.
 */
public final class BratReader {

    /** What becomes of a discontinuous annotation such as {@code T1 Condition 0 6;16 22 breast cancer}. */
    public enum Discontinuous {
        /** One entity from the first fragment's start to the last fragment's end. */
        SPAN,
        /** One entity per fragment, with the annotation's label. */
        FRAGMENTS,
        /** No entity. */
        SKIP
    }

    private final TypeMapping typeMapping;
    private final Discontinuous discontinuous;
    private final String source;
    private final boolean skipMismatchedText;

    private BratReader(Builder builder) {
        this.typeMapping = builder.typeMapping;
        this.discontinuous = builder.discontinuous;
        this.source = builder.source;
        this.skipMismatchedText = builder.skipMismatchedText;
    }

    /** Defaults: {@link TypeMapping#identity()}, {@link Discontinuous#SPAN}, source {@link Annotation#GOLD}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads every document of a folder, or the one document of a {@code .txt} or {@code .ann} file. */
    public ReadResult read(Path folderOrFile) {
        return open(folderOrFile).readAll();
    }

    /**
     * A streaming reader over a folder's {@code *.txt} files (not its subfolders), or over one document given by its
     * {@code .txt} or its {@code .ann} file.
     *
     * @throws CorpusFormatException for a folder without {@code .txt} files, an {@code .ann} without its text, or a
     *         file that is neither {@code .txt} nor {@code .ann}
     * @throws CorpusIoException for a path that does not exist
     */
    public AnnotationReader open(Path folderOrFile) {
        String name = folderOrFile.getFileName() == null ? "" : folderOrFile.getFileName().toString();
        if (Files.isDirectory(folderOrFile)) {
            return new Reader(folderOrFile.toString(), textFiles(folderOrFile).iterator());
        }
        if (Files.isRegularFile(folderOrFile) && name.endsWith(".txt")) {
            return new Reader(folderOrFile.toString(), List.of(folderOrFile).iterator());
        }
        if (Files.isRegularFile(folderOrFile) && name.endsWith(".ann")) {
            Path text = folderOrFile.resolveSibling(name.substring(0, name.length() - ".ann".length()) + ".txt");
            if (!Files.isRegularFile(text)) {
                throw new CorpusFormatException(folderOrFile.toString(), 0, "text file", "the document's text in "
                        + text.getFileName() + " beside it (brat keeps the text in NAME.txt, the annotations in"
                        + " NAME.ann)", "no such file");
            }
            return new Reader(folderOrFile.toString(), List.of(text).iterator());
        }
        if (!Files.exists(folderOrFile)) {
            throw new CorpusIoException(folderOrFile, "cannot read " + folderOrFile + " as brat", new NoSuchFileException(name));
        }
        throw new CorpusFormatException(folderOrFile.toString(), 0, "path", "a brat folder of NAME.txt and NAME.ann"
                + " files, or one .txt or .ann file", "a file named " + name);
    }

    private static List<Path> textFiles(Path folder) {
        List<Path> texts;
        List<String> others;
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> entries = files.sorted().toList();
            texts = entries.stream().filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                    .collect(Collectors.toList());
            others = entries.stream().map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".txt")).toList();
        } catch (IOException e) {
            throw new CorpusIoException(folder, "cannot list " + folder, e);
        }
        if (texts.isEmpty()) {
            throw new CorpusFormatException(folder.toString(), 0, "files", "brat documents: NAME.txt files, each with"
                    + " its NAME.ann beside it", others.isEmpty() ? "an empty folder" : "a folder without .txt files ("
                    + others.size() + " other entries: " + String.join(", ", others.subList(0, Math.min(3, others.size())))
                    + (others.size() > 3 ? ", ..." : "") + ")");
        }
        return texts;
    }

    private final class Reader extends AbstractAnnotationReader {

        private final Iterator<Path> texts;

        Reader(String name, Iterator<Path> texts) {
            super(name);
            this.texts = texts;
        }

        @Override
        protected Annotation readNext() {
            if (!texts.hasNext()) {
                return null;
            }
            Path textFile = texts.next();
            String id = Inputs.stem(textFile.toString());
            Utf8Files.Decoded decoded = Utf8Files.read(textFile);
            String text = decoded.text();
            Path annFile = textFile.resolveSibling(id + ".ann");
            List<Entity> entities = new ArrayList<>();
            if (Files.isRegularFile(annFile)) {
                readAnnotations(annFile, id, text, decoded.byteOrderMark() ? 1 : 0, entities);
            } else {
                report.notice(ReadNotice.Kind.MISSING_ANNOTATION_FILE, textFile.toString(), "document " + id);
            }
            List<Entity> kept = report.document(id, entities, annFile.toString());
            return new Annotation(new Document(id, text), kept, source);
        }

        @Override
        protected void closeInput() {
            // every file is closed as soon as it has been read
        }

        private void readAnnotations(Path annFile, String id, String text, int shift, List<Entity> entities) {
            String name = annFile.toString();
            CodePointOffsets offsets = new CodePointOffsets(text);
            Set<String> ids = new HashSet<>();
            try (Utf8LineReader lines = new Utf8LineReader(Inputs.open(annFile), name)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    long number = lines.lineNumber();
                    char kind = line.charAt(0);
                    if ("REAMN*#".indexOf(kind) >= 0) {
                        report.notice(ReadNotice.Kind.NON_ENTITY_ANNOTATION_SKIPPED, name + ":" + number,
                                "document " + id + " annotation " + line.split("\t", 2)[0]);
                        continue;
                    }
                    if (kind != 'T') {
                        throw new CorpusFormatException(name, number, "annotation id",
                                "an id starting with T, R, E, A, M, N, * or #", line.split("\t", 2)[0]);
                    }
                    String[] columns = line.split("\t", 3);
                    if (columns.length < 3) {
                        throw new CorpusFormatException(name, number, "columns",
                                "'T<id><TAB><label> <start> <end>[;<start> <end>...]<TAB><text>'", line);
                    }
                    if (!ids.add(columns[0])) {
                        throw new CorpusFormatException(name, number, "annotation id", "an id unique in the file",
                                columns[0]);
                    }
                    textBound(columns, id, text, shift, offsets, name, number, entities);
                }
            }
        }

        private void textBound(String[] columns, String id, String text, int shift, CodePointOffsets offsets,
                               String name, long number, List<Entity> entities) {
            int space = columns[1].indexOf(' ');
            if (space <= 0) {
                throw new CorpusFormatException(name, number, "label and offsets", "'<label> <start> <end>'", columns[1]);
            }
            String label = columns[1].substring(0, space);
            String[] pairs = columns[1].substring(space + 1).split(";", -1);
            List<int[]> fragments = new ArrayList<>(pairs.length);
            StringBuilder covered = new StringBuilder();
            for (String pair : pairs) {
                String[] bounds = pair.split(" ", -1);
                if (bounds.length != 2 || !isInteger(bounds[0]) || !isInteger(bounds[1])) {
                    throw new CorpusFormatException(name, number, "offsets",
                            "'<start> <end>' pairs of non-negative integers separated by ';'", columns[1].substring(space + 1));
                }
                int start = Integer.parseInt(bounds[0]) - shift;
                int end = Integer.parseInt(bounds[1]) - shift;
                int length = offsets.codePointLength();
                if (start < 0 || end <= start || end > length) {
                    throw new CorpusFormatException(name, number, "offsets", "0 <= start < end <= " + (length + shift)
                            + " (code points of " + id + ".txt)", pair);
                }
                int[] fragment = {offsets.toChars(start), offsets.toChars(end)};
                fragments.add(fragment);
                if (covered.length() > 0) {
                    covered.append(' ');
                }
                covered.append(text, fragment[0], fragment[1]);
            }
            Optional<EntityType> type = Labels.resolve(label, typeMapping, report, name, number, id);
            if (type.isEmpty() || !statedTextFits(covered.toString(), columns, id, name, number)) {
                return;
            }
            if (fragments.size() == 1) {
                entities.add(Entity.of(text, fragments.get(0)[0], fragments.get(0)[1], type.get()));
                return;
            }
            String location = name + ":" + number;
            String detail = "document " + id + " annotation " + columns[0] + " with " + fragments.size() + " fragments";
            switch (discontinuous) {
                case SPAN -> {
                    int start = fragments.stream().mapToInt(f -> f[0]).min().orElseThrow();
                    int end = fragments.stream().mapToInt(f -> f[1]).max().orElseThrow();
                    entities.add(Entity.of(text, start, end, type.get()));
                    report.notice(ReadNotice.Kind.DISCONTINUOUS_SPANNED, location, detail);
                }
                case FRAGMENTS -> {
                    fragments.forEach(f -> entities.add(Entity.of(text, f[0], f[1], type.get())));
                    report.notice(ReadNotice.Kind.DISCONTINUOUS_SPLIT, location, detail);
                }
                case SKIP -> report.notice(ReadNotice.Kind.DISCONTINUOUS_SKIPPED, location, detail);
            }
        }

        /**
         * Whether the stated text fits the text at the offsets: equal, equal but for surrounding
         * whitespace, or cut at the first line break inside the span (brat-produced files such as Chia
         * have these). A real mismatch fails, or with {@link Builder#skipMismatchedText} skips the entity.
         */
        private boolean statedTextFits(String covered, String[] columns, String id, String name, long number) {
            String stated = columns[2];
            if (covered.equals(stated)) {
                return true;
            }
            String location = name + ":" + number;
            String detail = "document " + id + " annotation " + columns[0];
            if (covered.strip().equals(stated.strip())) {
                report.notice(ReadNotice.Kind.MENTION_TEXT_WHITESPACE, location, detail);
                return true;
            }
            int lineBreak = indexOfLineBreak(covered);
            if (lineBreak >= 0 && covered.substring(0, lineBreak).strip().equals(stated.strip())) {
                report.notice(ReadNotice.Kind.MENTION_TEXT_CUT_AT_LINE_BREAK, location, detail);
                return true;
            }
            if (skipMismatchedText) {
                report.notice(ReadNotice.Kind.MENTION_TEXT_MISMATCH_SKIPPED, location, detail);
                return false;
            }
            throw new CorpusFormatException(name, number, "text", "the text at the offsets, '" + shorten(covered) + "'",
                    stated);
        }
    }

    private static int indexOfLineBreak(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\n' || value.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isInteger(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return false;
        }
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    /** Options of a {@link BratReader}. Not thread-safe. */
    public static final class Builder {

        private TypeMapping typeMapping = TypeMapping.identity();
        private Discontinuous discontinuous = Discontinuous.SPAN;
        private String source = Annotation.GOLD;
        private boolean skipMismatchedText;

        private Builder() {
        }

        /**
         * Whether an entity whose stated text does not fit the text at its offsets is skipped (counted as
         * {@link ReadNotice.Kind#MENTION_TEXT_MISMATCH_SKIPPED}) instead of failing the read; default false.
         */
        public Builder skipMismatchedText(boolean skip) {
            this.skipMismatchedText = skip;
            return this;
        }

        /** How brat labels become entity types; default {@link TypeMapping#identity()}. */
        public Builder typeMapping(TypeMapping typeMapping) {
            this.typeMapping = Objects.requireNonNull(typeMapping, "typeMapping");
            return this;
        }

        /** Default {@link Discontinuous#SPAN}. */
        public Builder discontinuous(Discontinuous discontinuous) {
            this.discontinuous = Objects.requireNonNull(discontinuous, "discontinuous");
            return this;
        }

        /** The source of the returned annotations; default {@link Annotation#GOLD}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** @throws IllegalArgumentException if the source is blank */
        public BratReader build() {
            SettingsCheck check = SettingsCheck.of("the brat reader");
            check.require(!source.isBlank(), "source must not be blank");
            check.throwIfAny();
            return new BratReader(this);
        }
    }
}
