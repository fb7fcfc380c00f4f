package io.github.meddistill.ontology.loaders;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.OntologyLoadException;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.internal.Fields;
import io.github.meddistill.ontology.internal.Inputs;
import io.github.meddistill.ontology.internal.LineReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads names from RxNorm {@code RXNCONSO.RRF} or UMLS {@code MRCONSO.RRF}: pipe-delimited, no
 * header, 18 fields each followed by {@code |}:
 * {@code RXCUI|LAT|TS|LUI|STT|SUI|ISPREF|RXAUI|SAUI|SCUI|SDUI|SAB|TTY|CODE|STR|SRL|SUPPRESS|CVF|}
 * (in MRCONSO the first field is the CUI). Rows are streamed and filtered by source (SAB), term
 * type (TTY), language (LAT), suppression (SUPPRESS) and optionally the "current prescribable
 * content" flag (CVF bit 4096). The concept id is the RXCUI/CUI and the preferred name the best
 * ranked kept name of the concept (a preferred atom, then the order of the term types).
 *
 * <pre>{@code
 * List<Term> drugs = RrfLoader.builder().build().load(Path.of("RxNorm_full_01022024")); // finds rrf/RXNCONSO.RRF
 * }</pre>
 *
 * <p>A built loader is immutable and thread-safe.
 */
public final class RrfLoader {

    /** Ingredients and brands, the term types that make sense for NER: IN, PIN, MIN, BN. */
    public static final List<String> INGREDIENT_AND_BRAND_TYPES = List.of("IN", "PIN", "MIN", "BN");
    /** Clinical and branded drug names and forms: SCD, SBD, SCDF, SBDF. */
    public static final List<String> DRUG_NAME_TYPES = List.of("SCD", "SBD", "SCDF", "SBDF");

    private static final int FIELDS = 18;
    private static final String LAYOUT = "RXCUI|LAT|TS|LUI|STT|SUI|ISPREF|RXAUI|SAUI|SCUI|SDUI|SAB|TTY|CODE|STR|SRL"
            + "|SUPPRESS|CVF|";
    private static final int CUI = 0;
    private static final int LAT = 1;
    private static final int TS = 2;
    private static final int STT = 4;
    private static final int ISPREF = 6;
    private static final int SAB = 11;
    private static final int TTY = 12;
    private static final int STR = 14;
    private static final int SUPPRESS = 16;
    private static final int CVF = 17;
    private static final int PRESCRIBABLE = 4096;
    private static final List<String> FILE_CANDIDATES = List.of("rrf/RXNCONSO.RRF", "RXNCONSO.RRF",
            "META/MRCONSO.RRF", "MRCONSO.RRF");

    private final Set<String> sources;
    private final List<String> termTypes;
    private final Set<String> languages;
    private final boolean includeSuppressed;
    private final boolean prescribableOnly;
    private final EntityType type;

    private RrfLoader(Builder builder) {
        this.sources = Set.copyOf(builder.sources);
        this.termTypes = List.copyOf(builder.termTypes);
        this.languages = Set.copyOf(builder.languages);
        this.includeSuppressed = builder.includeSuppressed;
        this.prescribableOnly = builder.prescribableOnly;
        this.type = builder.type;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the terms of {@code path}: an {@code RXNCONSO.RRF} / {@code MRCONSO.RRF} file (optionally
     * gzipped) or an unzipped release folder holding {@code rrf/RXNCONSO.RRF} or {@code META/MRCONSO.RRF}.
     *
     * @throws OntologyFormatException naming file and line for a malformed row
     */
    public List<Term> load(Path path) {
        Path file = resolve(path);
        List<Row> rows = new ArrayList<>();
        Map<String, Row> preferred = new HashMap<>();
        try (LineReader lines = Inputs.lines(file, StandardCharsets.UTF_8)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                Row row = parse(line, lines);
                if (row == null) {
                    continue;
                }
                rows.add(row);
                preferred.merge(row.cui, row, (a, b) -> b.rank < a.rank ? b : a);
            }
            if (lines.lineNumber() == 0) {
                throw new OntologyFormatException(file.toString(), 0,
                        "expected rows of " + LAYOUT + ", found an empty file");
            }
        }
        Set<Term> terms = new LinkedHashSet<>();
        for (Row row : rows) {
            terms.add(new Term(row.name, row.cui, preferred.get(row.cui).name, type, row.source));
        }
        return List.copyOf(terms);
    }

    private Row parse(String line, LineReader lines) {
        List<String> fields = Fields.split(line, '|');
        if (fields.size() != FIELDS + 1 || !fields.get(FIELDS).isEmpty()) {
            throw lines.error("expected 18 fields each ended by '|' (" + LAYOUT + "), found "
                    + (fields.size() - 1) + " '|' separators" + (fields.get(fields.size() - 1).isEmpty()
                    ? "" : " and no trailing '|'"));
        }
        String cui = fields.get(CUI);
        if (cui.isEmpty() || !cui.chars().allMatch(Character::isLetterOrDigit)) {
            throw lines.error("expected a concept id (RXCUI/CUI) of letters and digits in field 1, found '" + cui + "'");
        }
        String cvf = fields.get(CVF);
        int flags = 0;
        if (!cvf.isEmpty()) {
            try {
                flags = Integer.parseInt(cvf);
            } catch (NumberFormatException e) {
                throw lines.error("expected an integer content-view flag (CVF) in field 18, found '" + cvf + "'");
            }
        }
        String suppress = fields.get(SUPPRESS);
        if (suppress.isEmpty()) {
            throw lines.error("expected a SUPPRESS flag (N, O, E or Y) in field 17, found an empty field");
        }
        String name = fields.get(STR);
        if (name.isBlank()) {
            throw lines.error("expected a name (STR) in field 15, found an empty field");
        }
        String tty = fields.get(TTY);
        int typeRank = termTypes.indexOf(tty);
        boolean keep = typeRank >= 0 && sources.contains(fields.get(SAB)) && languages.contains(fields.get(LAT))
                && (includeSuppressed || "N".equals(suppress)) && (!prescribableOnly || (flags & PRESCRIBABLE) != 0);
        if (!keep) {
            return null;
        }
        boolean preferredAtom = "P".equals(fields.get(TS)) && "PF".equals(fields.get(STT))
                && "Y".equals(fields.get(ISPREF));
        int rank = (preferredAtom ? 0 : termTypes.size()) + typeRank;
        return new Row(cui, name, fields.get(SAB), rank);
    }

    private static Path resolve(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        for (String candidate : FILE_CANDIDATES) {
            Path file = path.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new OntologyLoadException(path.toString(), "expected a release folder holding one of "
                + FILE_CANDIDATES + ", found none of them");
    }

    private record Row(String cui, String name, String source, int rank) {
    }

    /**
     * Defaults: sources {@code RXNORM}, term types {@link #INGREDIENT_AND_BRAND_TYPES}, language
     * {@code ENG}, suppressed rows dropped, no prescribable filter, type MEDICATION. Not thread-safe.
     */
    public static final class Builder {

        private Set<String> sources = Set.of("RXNORM");
        private List<String> termTypes = INGREDIENT_AND_BRAND_TYPES;
        private Set<String> languages = Set.of("ENG");
        private boolean includeSuppressed;
        private boolean prescribableOnly;
        private EntityType type = EntityType.MEDICATION;

        private Builder() {
        }

        /** Source abbreviations (SAB) to keep, e.g. {@code RXNORM}, or {@code MSH}, {@code SNOMEDCT_US} in MRCONSO. */
        public Builder sources(Set<String> sources) {
            this.sources = Set.copyOf(sources);
            return this;
        }

        /** Term types (TTY) to keep, in order of preference for the preferred name. */
        public Builder termTypes(List<String> termTypes) {
            this.termTypes = List.copyOf(termTypes);
            return this;
        }

        /** Languages (LAT) to keep; default {@code ENG}. */
        public Builder languages(Set<String> languages) {
            this.languages = Set.copyOf(languages);
            return this;
        }

        /** Keeps rows whose SUPPRESS flag is O, E or Y too (default false: only N). */
        public Builder includeSuppressed(boolean includeSuppressed) {
            this.includeSuppressed = includeSuppressed;
            return this;
        }

        /** Keeps only the current prescribable content (CVF has bit 4096). */
        public Builder prescribableOnly(boolean prescribableOnly) {
            this.prescribableOnly = prescribableOnly;
            return this;
        }

        public Builder type(EntityType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        public RrfLoader build() {
            SettingsCheck check = SettingsCheck.of("the RRF loader");
            check.require(!sources.isEmpty(), "sources must not be empty");
            check.require(!termTypes.isEmpty(), "termTypes must not be empty");
            check.require(!languages.isEmpty(), "languages must not be empty");
            check.throwIfAny();
            return new RrfLoader(this);
        }
    }
}
