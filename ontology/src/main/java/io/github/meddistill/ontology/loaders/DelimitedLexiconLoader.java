package io.github.meddistill.ontology.loaders;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.internal.CsvRecordReader;
import io.github.meddistill.ontology.internal.Fields;
import io.github.meddistill.ontology.internal.Inputs;
import io.github.meddistill.ontology.internal.LineReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a plain lexicon: a CSV or TSV file with a header row, one entry per row, holding a term and
 * either a type column or one type for the whole file, optionally a concept id, synonyms of the same
 * concept (a list column, e.g. {@code "a | b"}) and further terms that are concepts of their own
 * (e.g. a product's active ingredients). Without a concept id column, a term's concept id is its
 * preferred name. Identical terms are kept once.
 *
 * <pre>{@code
 * List<Term> generic = DelimitedLexiconLoader.drugBankVocabulary().load(Path.of("drugbank_vocabulary.csv"));
 * List<Term> custom = DelimitedLexiconLoader.builder(LexiconFormat.TSV, "term").typeColumn("type").source("MYLEX").build().load(file);
 * }</pre>
 *
 * <p>A built loader is immutable and thread-safe.
 */
public final class DelimitedLexiconLoader {

    private final LexiconFormat format;
    private final String termColumn;
    private final String typeColumn;
    private final EntityType type;
    private final String conceptIdColumn;
    private final Map<String, String> synonymColumns;
    private final Map<String, String> separateTermColumns;
    private final String source;
    private final Charset charset;

    private DelimitedLexiconLoader(Builder builder) {
        this.format = builder.format;
        this.termColumn = builder.termColumn;
        this.typeColumn = builder.typeColumn;
        this.type = builder.type;
        this.conceptIdColumn = builder.conceptIdColumn;
        this.synonymColumns = Map.copyOf(builder.synonymColumns);
        this.separateTermColumns = Map.copyOf(builder.separateTermColumns);
        this.source = builder.source;
        this.charset = builder.charset;
    }

    /** A loader of {@code format} whose preferred name of each row is in column {@code termColumn}. */
    public static Builder builder(LexiconFormat format, String termColumn) {
        return new Builder(format, termColumn);
    }

    /**
     * The DrugBank Open Data vocabulary CSV ({@code DrugBank ID, Accession Numbers, Common name, CAS,
     * UNII, Synonyms, Standard InChI Key}): common names and {@code " | "}-separated synonyms as
     * MEDICATION, concept id the DrugBank id, source {@code DRUGBANK}.
     */
    public static DelimitedLexiconLoader drugBankVocabulary() {
        return builder(LexiconFormat.CSV, "Common name").conceptIdColumn("DrugBank ID")
                .addSynonymColumn("Synonyms", " | ").type(EntityType.MEDICATION).source("DRUGBANK").build();
    }

    /**
     * The Drugs@FDA {@code Products.txt} table ({@code ApplNo, ProductNo, Form, Strength,
     * ReferenceDrug, DrugName, ActiveIngredient, ReferenceStandard}, tab-separated): product names
     * and each {@code ";"}-separated active ingredient as MEDICATION concepts of their own, source
     * {@code DRUGSATFDA}. The FDA publishes its tables in Windows-1252, a superset of ASCII.
     */
    public static DelimitedLexiconLoader drugsAtFdaProducts() {
        return builder(LexiconFormat.TSV, "DrugName").addSeparateTermColumn("ActiveIngredient", ";")
                .type(EntityType.MEDICATION).source("DRUGSATFDA").charset(Charset.forName("windows-1252")).build();
    }

    /**
     * Loads the terms of a lexicon file (optionally gzipped).
     *
     * @throws OntologyFormatException naming file and line for a missing column, a wrong field count or a bad type
     */
    public List<Term> load(Path file) {
        Set<Term> terms = new LinkedHashSet<>();
        try (LineReader lines = Inputs.lines(file, charset)) {
            CsvRecordReader csv = format == LexiconFormat.CSV ? new CsvRecordReader(lines, ',') : null;
            List<String> header = next(lines, csv);
            if (header == null) {
                throw new OntologyFormatException(file.toString(), 0, "expected a header row naming column '"
                        + termColumn + "', found an empty file");
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).strip(), i);
            }
            int term = column(columns, termColumn, lines);
            int typeIndex = typeColumn == null ? -1 : column(columns, typeColumn, lines);
            int idIndex = conceptIdColumn == null ? -1 : column(columns, conceptIdColumn, lines);
            Map<Integer, String> synonyms = indexes(synonymColumns, columns, lines);
            Map<Integer, String> separate = indexes(separateTermColumns, columns, lines);
            for (List<String> next = next(lines, csv); next != null; next = next(lines, csv)) {
                List<String> row = next;
                long line = csv == null ? lines.lineNumber() : csv.recordLine();
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue;
                }
                checkWidth(row, header.size(), file, line);
                EntityType rowType = typeIndex < 0 ? type : type(row.get(typeIndex), file, line);
                String name = row.get(term).strip();
                if (!name.isEmpty()) {
                    String id = idIndex < 0 ? name : row.get(idIndex).strip();
                    if (id.isEmpty()) {
                        throw new OntologyFormatException(file.toString(), line, "expected a concept id in column '"
                                + conceptIdColumn + "', found an empty field");
                    }
                    terms.add(new Term(name, id, name, rowType, source));
                    synonyms.forEach((index, separator) -> Fields.splitList(row.get(index), separator)
                            .forEach(synonym -> terms.add(new Term(synonym, id, name, rowType, source))));
                }
                separate.forEach((index, separator) -> Fields.splitList(row.get(index), separator)
                        .forEach(other -> terms.add(new Term(other, other, other, rowType, source))));
            }
        }
        return List.copyOf(terms);
    }

    private List<String> next(LineReader lines, CsvRecordReader csv) {
        if (csv != null) {
            return csv.next();
        }
        String line = lines.next();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        for (String field : Fields.split(line, '\t')) {
            fields.add(field.replace("\"\"", "\""));
        }
        return fields;
    }

    private void checkWidth(List<String> row, int width, Path file, long line) {
        if (row.size() < width) {
            throw new OntologyFormatException(file.toString(), line, "expected " + width + " fields as in the"
                    + " header, found " + row.size());
        }
        for (int i = width; i < row.size(); i++) {
            if (!row.get(i).isEmpty()) {
                throw new OntologyFormatException(file.toString(), line, "expected " + width + " fields as in the"
                        + " header, found " + row.size() + " with a value in field " + (i + 1));
            }
        }
    }

    private static EntityType type(String value, Path file, long line) {
        try {
            return EntityType.of(value);
        } catch (IllegalArgumentException e) {
            throw new OntologyFormatException(file.toString(), line, "expected an entity type name (e.g. DISEASE)"
                    + " in the type column, found '" + value + "'", e);
        }
    }

    private static int column(Map<String, Integer> columns, String name, LineReader lines) {
        Integer index = columns.get(name);
        if (index == null) {
            throw new OntologyFormatException(lines.file(), 1, "expected a column named '" + name
                    + "' in the header, found " + columns.keySet());
        }
        return index;
    }

    private static Map<Integer, String> indexes(Map<String, String> named, Map<String, Integer> columns,
                                                LineReader lines) {
        Map<Integer, String> indexes = new LinkedHashMap<>();
        named.forEach((name, separator) -> indexes.put(column(columns, name, lines), separator));
        return indexes;
    }

    /** Defaults: UTF-8, source {@code LEXICON}. Either {@link #typeColumn} or {@link #type} is required. Not thread-safe. */
    public static final class Builder {

        private final LexiconFormat format;
        private final String termColumn;
        private String typeColumn;
        private EntityType type;
        private String conceptIdColumn;
        private final Map<String, String> synonymColumns = new LinkedHashMap<>();
        private final Map<String, String> separateTermColumns = new LinkedHashMap<>();
        private String source = "LEXICON";
        private Charset charset = StandardCharsets.UTF_8;

        private Builder(LexiconFormat format, String termColumn) {
            this.format = format;
            this.termColumn = termColumn;
        }

        /** The column holding each row's entity type name (e.g. {@code MEDICATION}). */
        public Builder typeColumn(String column) {
            this.typeColumn = column;
            return this;
        }

        /** One entity type for every row. */
        public Builder type(EntityType type) {
            this.type = type;
            return this;
        }

        public Builder conceptIdColumn(String column) {
            this.conceptIdColumn = column;
            return this;
        }

        /** A column of synonyms of the row's concept, separated by {@code separator}. */
        public Builder addSynonymColumn(String column, String separator) {
            synonymColumns.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(separator, "separator"));
            return this;
        }

        /** A column of further terms, separated by {@code separator}, each its own concept. */
        public Builder addSeparateTermColumn(String column, String separator) {
            separateTermColumns.put(Objects.requireNonNull(column, "column"),
                    Objects.requireNonNull(separator, "separator"));
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder charset(Charset charset) {
            this.charset = charset;
            return this;
        }

        public DelimitedLexiconLoader build() {
            SettingsCheck check = SettingsCheck.of("the lexicon loader");
            Objects.requireNonNull(format, "format");
            check.require(termColumn != null && !termColumn.isBlank(),
                    "termColumn must not be blank: termColumn=" + termColumn);
            check.require((typeColumn == null) != (type == null),
                    "exactly one of typeColumn and type must be set: typeColumn=" + typeColumn + ", type=" + type);
            check.require(source != null && !source.isBlank(), "source must not be blank: source=" + source);
            Objects.requireNonNull(charset, "charset");
            for (String separator : synonymColumns.values()) {
                check.require(!separator.isEmpty(), "synonym separator must not be empty");
            }
            for (String separator : separateTermColumns.values()) {
                check.require(!separator.isEmpty(), "separate term separator must not be empty");
            }
            check.throwIfAny();
            return new DelimitedLexiconLoader(this);
        }
    }
}
