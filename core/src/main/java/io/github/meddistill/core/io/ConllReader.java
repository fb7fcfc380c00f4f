package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.internal.AbstractAnnotationReader;
import io.github.meddistill.core.io.internal.Inputs;
import io.github.meddistill.core.io.internal.Labels;
import io.github.meddistill.core.io.internal.Utf8LineReader;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.Token;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads CoNLL / IOB token-per-line files: one token per line with its tag in a column, a blank line
 * between sentences, and {@code -DOCSTART-} lines between documents. Immutable and thread-safe;
 * each {@link #open} returns an independent, single-threaded reader.
 *
 * <p>The text is rebuilt from the tokens: tokens of a sentence joined by one space, sentences joined
 * by {@code \n}; entity offsets point into that text. Tags are {@code O} or a prefix of the
 * {@linkplain Builder#scheme label scheme} (default BIO), {@code -} and a label mapped by the
 * {@link TypeMapping} ({@code B-Disease} is {@code DISEASE} by default). Sequences the scheme finds
 * invalid (IOB1 files, an {@code I-} after {@code O}) are repaired by its documented rule and counted
 * as {@link ReadNotice.Kind#TAG_SEQUENCE_REPAIRED}; entities never cross a sentence boundary. Any
 * other tag fails with a {@link CorpusFormatException}.
 *
 * <p>Documents: with {@link Grouping#DOCSTART} (default) each {@code -DOCSTART-} line starts a
 * document (a file without markers is one document); its id is the second column of a two-column
 * {@code -DOCSTART-} line, as {@link ConllWriter} writes it, else {@code <file stem>-<n>}. With
 * {@link Grouping#SENTENCE} every sentence is a document ({@code <file stem>-<n>}), as is usual for the
 * NCBI-disease and BC5CDR IOB files, which have no document markers.
 */
public final class ConllReader {

    /** The marker line that separates documents. */
    public static final String DOCSTART = "-DOCSTART-";

    /** How sentences are grouped into documents. */
    public enum Grouping {
        /** A document per {@code -DOCSTART-} marker. */
        DOCSTART,
        /** A document per sentence. */
        SENTENCE
    }

    private static final Pattern DEFAULT_SEPARATOR = Pattern.compile("[\t ]+");

    private final int tokenColumn;
    private final int tagColumn;
    private final Pattern separator;
    private final Grouping grouping;
    private final LabelScheme scheme;
    private final TypeMapping typeMapping;
    private final String source;

    private ConllReader(Builder builder) {
        this.tokenColumn = builder.tokenColumn;
        this.tagColumn = builder.tagColumn;
        this.separator = builder.separator;
        this.grouping = builder.grouping;
        this.scheme = builder.scheme;
        this.typeMapping = builder.typeMapping;
        this.source = builder.source;
    }

    /**
     * Defaults: token in column 0, tag in the last column, columns separated by tabs or spaces,
     * {@link Grouping#DOCSTART}, {@link LabelSchemes#BIO}, {@link TypeMapping#identity()}, source
     * {@link Annotation#GOLD}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads the whole file. */
    public ReadResult read(Path file) {
        return open(file).readAll();
    }

    /** A streaming reader over {@code file}. */
    public AnnotationReader open(Path file) {
        return open(Inputs.open(file), file.toString());
    }

    /** A streaming reader over {@code input}, named {@code sourceName} in errors and reports; closes the stream. */
    public AnnotationReader open(InputStream input, String sourceName) {
        return new Reader(new Utf8LineReader(Objects.requireNonNull(input, "input"), sourceName));
    }

    /** The columns of a stripped, non-blank line; the default separator is split by hand, as it is most of the work. */
    private String[] columns(String line) {
        if (separator != DEFAULT_SEPARATOR) {
            return separator.split(line, -1);
        }
        List<String> columns = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t' || c == ' ') {
                if (i > start) {
                    columns.add(line.substring(start, i));
                }
                start = i + 1;
            }
        }
        columns.add(line.substring(start));
        return columns.toArray(new String[0]);
    }

    private final class Reader extends AbstractAnnotationReader {

        private final Utf8LineReader lines;
        private final String name;
        private final String stem;
        private final Map<String, Set<String>> tagsByType = new HashMap<>();
        private int documentCount;
        private String pendingId;
        private boolean pendingMarker;

        Reader(Utf8LineReader lines) {
            super(lines.source());
            this.lines = lines;
            this.name = lines.source();
            this.stem = Inputs.stem(name);
        }

        @Override
        protected Annotation readNext() {
            StringBuilder text = new StringBuilder();
            List<Entity> entities = new ArrayList<>();
            List<String> sentenceTokens = new ArrayList<>();
            List<String> sentenceTags = new ArrayList<>();
            boolean started = pendingMarker;
            String id = pendingId;
            pendingMarker = false;
            pendingId = null;
            long firstLine = lines.lineNumber() + 1;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    if (!sentenceTokens.isEmpty()) {
                        endSentence(sentenceTokens, sentenceTags, text, entities);
                        if (grouping == Grouping.SENTENCE) {
                            return document(id, text, entities, firstLine);
                        }
                    }
                    continue;
                }
                String[] columns = columns(line.strip());
                if (columns[0].equals(DOCSTART)) {
                    if (!sentenceTokens.isEmpty()) {
                        endSentence(sentenceTokens, sentenceTags, text, entities);
                    }
                    String markerId = columns.length == 2 && !columns[1].equals("O") && !columns[1].equals("-X-")
                            ? columns[1] : null;
                    if (grouping == Grouping.SENTENCE) {
                        if (text.length() > 0) {
                            return document(id, text, entities, firstLine);
                        }
                        continue;
                    }
                    if (started || text.length() > 0) {
                        pendingMarker = true;
                        pendingId = markerId;
                        return document(id, text, entities, firstLine);
                    }
                    started = true;
                    id = markerId;
                    firstLine = lines.lineNumber();
                    continue;
                }
                int needed = Math.max(Math.max(tokenColumn, tagColumn) + 1, 2);
                if (columns.length < needed) {
                    throw new CorpusFormatException(name, lines.lineNumber(), "columns", "at least " + needed
                            + " columns (token in column " + tokenColumn + ", tag in column "
                            + (tagColumn < 0 ? "last" : tagColumn) + ")", line);
                }
                String tag = columns[tagColumn < 0 ? columns.length - 1 : tagColumn];
                sentenceTokens.add(columns[tokenColumn]);
                sentenceTags.add(canonicalTag(tag, id == null ? stem + "-" + (documentCount + 1) : id));
            }
            if (!sentenceTokens.isEmpty()) {
                endSentence(sentenceTokens, sentenceTags, text, entities);
            }
            if (started || text.length() > 0) {
                return document(id, text, entities, firstLine);
            }
            return null;
        }

        @Override
        protected void closeInput() {
            lines.close();
        }

        private Annotation document(String id, StringBuilder text, List<Entity> entities, long firstLine) {
            documentCount++;
            String documentId = id != null ? id : stem + "-" + documentCount;
            List<Entity> kept = report.document(documentId, entities, name + ":" + firstLine);
            return new Annotation(new Document(documentId, text.toString()), kept, source);
        }

        /** Appends the sentence to the text and its entities, shifted to document offsets, to {@code entities}. */
        private void endSentence(List<String> words, List<String> tags, StringBuilder text, List<Entity> entities) {
            if (text.length() > 0) {
                text.append('\n');
            }
            int sentenceStart = text.length();
            String sentence = String.join(" ", words);
            List<Token> tokens = new ArrayList<>(words.size());
            int offset = 0;
            for (String word : words) {
                tokens.add(new Token(word, offset, offset + word.length()));
                offset += word.length() + 1;
            }
            if (!scheme.isValid(tags)) {
                report.notice(ReadNotice.Kind.TAG_SEQUENCE_REPAIRED, name + ":" + lines.lineNumber(),
                        "sentence ending before line " + lines.lineNumber() + ", repaired by " + scheme.name());
            }
            for (Entity entity : scheme.decode(tags, tokens, sentence)) {
                entities.add(new Entity(entity.start() + sentenceStart, entity.end() + sentenceStart, entity.type(),
                        entity.text()));
            }
            text.append(sentence);
            words.clear();
            tags.clear();
        }

        /** The tag in this scheme's form with the mapped type, or O when the mapping skips the label. */
        private String canonicalTag(String tag, String documentId) {
            if (tag.equals(LabelScheme.OUTSIDE)) {
                return tag;
            }
            long number = lines.lineNumber();
            String expected = "'O' or a " + scheme.name() + " prefix, '-' and a label";
            if (tag.length() < 3 || tag.charAt(1) != '-') {
                throw new CorpusFormatException(name, number, "tag", expected, tag);
            }
            Optional<EntityType> type = Labels.resolve(tag.substring(2), typeMapping, report, name, number, documentId);
            if (type.isEmpty()) {
                return LabelScheme.OUTSIDE;
            }
            String canonical = tag.charAt(0) + "-" + type.get().name();
            Set<String> known = tagsByType.computeIfAbsent(type.get().name(),
                    t -> new HashSet<>(scheme.tags(List.of(type.get()))));
            if (!known.contains(canonical)) {
                throw new CorpusFormatException(name, number, "tag", expected, tag);
            }
            return canonical;
        }
    }

    /** Options of a {@link ConllReader}. Not thread-safe. */
    public static final class Builder {

        private int tokenColumn;
        private int tagColumn = -1;
        private Pattern separator = DEFAULT_SEPARATOR;
        private Grouping grouping = Grouping.DOCSTART;
        private LabelScheme scheme = LabelSchemes.BIO;
        private TypeMapping typeMapping = TypeMapping.identity();
        private String source = Annotation.GOLD;

        private Builder() {
        }

        /** 0-based column of the token; default 0. */
        public Builder tokenColumn(int column) {
            this.tokenColumn = column;
            return this;
        }

        /** 0-based column of the tag, or -1 for the last column (default). */
        public Builder tagColumn(int column) {
            this.tagColumn = column;
            return this;
        }

        /** What separates columns; default one or more tabs or spaces. */
        public Builder columnSeparator(Pattern separator) {
            this.separator = Objects.requireNonNull(separator, "columnSeparator");
            return this;
        }

        public Builder grouping(Grouping grouping) {
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /** The tagging scheme of the file; default {@link LabelSchemes#BIO}, which also reads IOB1. */
        public Builder scheme(LabelScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** How tag labels become entity types; default {@link TypeMapping#identity()}. */
        public Builder typeMapping(TypeMapping typeMapping) {
            this.typeMapping = Objects.requireNonNull(typeMapping, "typeMapping");
            return this;
        }

        /** The source of the returned annotations; default {@link Annotation#GOLD}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** @throws IllegalArgumentException naming the bad option */
        public ConllReader build() {
            SettingsCheck check = SettingsCheck.of("the CoNLL reader");
            check.require(tokenColumn >= 0, "tokenColumn must not be negative: tokenColumn=" + tokenColumn);
            check.require(tagColumn >= -1, "tagColumn must be -1 (last) or a column: tagColumn=" + tagColumn);
            check.require(tagColumn != tokenColumn, "tagColumn must differ from tokenColumn: both " + tagColumn);
            check.require(!source.isBlank(), "source must not be blank");
            check.throwIfAny();
            return new ConllReader(this);
        }
    }
}
