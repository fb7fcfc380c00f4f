package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.internal.AbstractAnnotationReader;
import io.github.meddistill.core.io.internal.Inputs;
import io.github.meddistill.core.io.internal.Labels;
import io.github.meddistill.core.io.internal.Mentions;
import io.github.meddistill.core.io.internal.Utf8LineReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads PubTator files as NCBI-disease and BioCreative V CDR (BC5CDR) distribute them. Immutable and
 * thread-safe; each {@link #open} returns an independent, single-threaded reader.
 *
 * <p>Per document: {@code PMID|t|title}, {@code PMID|a|abstract}, then one tab-separated line per
 * mention, {@code PMID start end mention type [concept-ids [individual mentions]]}, then a blank
 * line (a new title line also starts a new document). The document text is
 * {@code title + " " + abstract}, exactly as the offsets count it (just the title when there is no
 * abstract line); end offsets are exclusive; the PMID is the document id and the title length is
 * kept in the metadata under {@link #TITLE_LENGTH}. Relation lines
 * ({@code PMID CID chemical disease}) are skipped on purpose and counted as
 * {@link ReadNotice.Kind#RELATION_SKIPPED}. Concept ids are not kept.
 *
 * <p>Every mention is checked: offsets inside the text, and the mention column equal to the text at
 * the offsets (a difference only in surrounding whitespace is accepted and reported). Anything else
 * fails with a {@link CorpusFormatException} naming file, line and field.
 *
 * <pre>{@code
 * ReadResult train = PubTatorReader.builder().build().read(Path.of("CDR_TrainingSet.PubTator.txt"));
 * }</pre>
 */
public final class PubTatorReader {

    /** Metadata key of the title length in characters; the abstract starts one character later. */
    public static final String TITLE_LENGTH = "pubtator.titleLength";

    private final TypeMapping typeMapping;
    private final String source;

    private PubTatorReader(Builder builder) {
        this.typeMapping = builder.typeMapping;
        this.source = builder.source;
    }

    /** Defaults: {@link TypeMapping#biomedical()}, source {@link Annotation#GOLD}. */
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

    private final class Reader extends AbstractAnnotationReader {

        private final Utf8LineReader lines;
        private final String name;
        private String pending;

        Reader(Utf8LineReader lines) {
            super(lines.source());
            this.lines = lines;
            this.name = lines.source();
        }

        @Override
        protected Annotation readNext() {
            String line = pending != null ? pending : lines.readLine();
            pending = null;
            while (line != null && line.isBlank()) {
                line = lines.readLine();
            }
            if (line == null) {
                return null;
            }
            long titleLine = lines.lineNumber();
            String[] title = split(line, 't', titleLine);
            String id = title[0];
            String text = title[1];
            int titleLength = text.length();
            List<Entity> entities = new ArrayList<>();
            boolean sawAbstract = false;
            boolean sawMention = false;
            while ((line = lines.readLine()) != null && !line.isBlank()) {
                if (isHeader(line, 't')) {
                    pending = line;
                    break;
                }
                if (isHeader(line, 'a')) {
                    if (sawAbstract || sawMention) {
                        throw new CorpusFormatException(name, lines.lineNumber(), "line",
                                "one abstract line, before the mentions, in document " + id, line);
                    }
                    String[] abstractLine = split(line, 'a', lines.lineNumber());
                    checkId(abstractLine[0], id, "PMID");
                    text = text + " " + abstractLine[1];
                    sawAbstract = true;
                    continue;
                }
                sawMention = true;
                mention(line, id, text).ifPresent(entities::add);
            }
            Document document = new Document(id, text, Map.of(TITLE_LENGTH, Integer.toString(titleLength)));
            List<Entity> kept = report.document(id, entities, name + ":" + titleLine);
            return new Annotation(document, kept, source);
        }

        @Override
        protected void closeInput() {
            lines.close();
        }

        private Optional<Entity> mention(String line, String id, String text) {
            long number = lines.lineNumber();
            String[] fields = line.split("\t", -1);
            if (fields.length == 4 && !isInteger(fields[1])) {
                checkId(fields[0], id, "PMID");
                report.notice(ReadNotice.Kind.RELATION_SKIPPED, name + ":" + number, "document " + id + " " + fields[1]);
                return Optional.empty();
            }
            if (fields.length < 5) {
                throw new CorpusFormatException(name, number, "columns",
                        "a title 'PMID|t|', an abstract 'PMID|a|', a mention 'PMID<TAB>start<TAB>end<TAB>text<TAB>type"
                                + "[<TAB>ids]' or a relation 'PMID<TAB>CID<TAB>id<TAB>id'", line);
            }
            checkId(fields[0], id, "PMID");
            int start = integer(fields[1], "start", number);
            int end = integer(fields[2], "end", number);
            if (start < 0 || start >= text.length()) {
                throw new CorpusFormatException(name, number, "start", "an offset in [0, " + text.length() + ") of document "
                        + id, fields[1]);
            }
            if (end <= start || end > text.length()) {
                throw new CorpusFormatException(name, number, "end", "an offset in (" + start + ", " + text.length()
                        + "] of document " + id, fields[2]);
            }
            Mentions.check(text, start, end, fields[3], report, name, number, "mention", id);
            Optional<EntityType> type = Labels.resolve(fields[4], typeMapping, report, name, number, id);
            return type.map(t -> Entity.of(text, start, end, t));
        }

        private String[] split(String line, char kind, long number) {
            if (!isHeader(line, kind)) {
                throw new CorpusFormatException(name, number, "line", kind == 't' ? "a title line 'PMID|t|title'"
                        : "an abstract line 'PMID|a|abstract'", line);
            }
            int bar = line.indexOf('|');
            String id = line.substring(0, bar);
            if (id.isBlank()) {
                throw new CorpusFormatException(name, number, "PMID", "a non-blank document id", id);
            }
            return new String[] {id, line.substring(bar + 3)};
        }

        private void checkId(String actual, String expected, String field) {
            if (!actual.equals(expected)) {
                throw new CorpusFormatException(name, lines.lineNumber(), field, "the PMID of the current document, '"
                        + expected + "'", actual);
            }
        }

        private int integer(String value, String field, long number) {
            if (!isInteger(value)) {
                throw new CorpusFormatException(name, number, field, "a non-negative integer character offset", value);
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new CorpusFormatException(name, number, field, "an offset below 2^31", value, e);
            }
        }
    }

    private static boolean isHeader(String line, char kind) {
        int bar = line.indexOf('|');
        int tab = line.indexOf('\t');
        return bar > 0 && (tab < 0 || bar < tab) && line.length() >= bar + 3 && line.charAt(bar + 1) == kind
                && line.charAt(bar + 2) == '|';
    }

    private static boolean isInteger(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Options of a {@link PubTatorReader}. Not thread-safe. */
    public static final class Builder {

        private TypeMapping typeMapping = TypeMapping.biomedical();
        private String source = Annotation.GOLD;

        private Builder() {
        }

        /** How PubTator types become entity types; default {@link TypeMapping#biomedical()}. */
        public Builder typeMapping(TypeMapping typeMapping) {
            this.typeMapping = Objects.requireNonNull(typeMapping, "typeMapping");
            return this;
        }

        /** The source of the returned annotations; default {@link Annotation#GOLD}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** @throws IllegalArgumentException if the source is blank */
        public PubTatorReader build() {
            SettingsCheck check = SettingsCheck.of("the PubTator reader");
            check.require(!source.isBlank(), "source must not be blank");
            check.throwIfAny();
            return new PubTatorReader(this);
        }
    }
}
