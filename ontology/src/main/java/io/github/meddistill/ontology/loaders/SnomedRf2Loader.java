package io.github.meddistill.ontology.loaders;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.OntologyLoadException;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.internal.Fields;
import io.github.meddistill.ontology.internal.LineReader;
import io.github.meddistill.ontology.internal.Rf2Release;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads synonyms from a SNOMED CT RF2 snapshot: {@code sct2_Concept_Snapshot_*.txt},
 * {@code sct2_Description_Snapshot-en_*.txt} and, when present, the English language refset
 * {@code der2_cRefset_LanguageSnapshot-en_*.txt}. Files are tab-separated with one header row,
 * UTF-8, LF or CRLF; fields are split on tabs only (terms may hold quotes and no-break spaces).
 *
 * <p>Only active concepts and active descriptions count. The semantic tag of each concept comes from
 * its active fully specified name ({@value #FSN_TYPE}); a configurable map sends tags to entity
 * types, by default {@code disorder} to DISEASE, {@code finding} to SYMPTOM and {@code substance},
 * {@code product}, {@code clinical drug}, {@code medicinal product} to MEDICATION; concepts with any
 * other tag are skipped. Their synonyms ({@value #SYNONYM_TYPE}) become terms; with a language refset,
 * only synonyms acceptable or preferred in the chosen refset (default US English), and the preferred
 * one is the concept's preferred name (otherwise the FSN without its tag). Editions choose their own
 * refset: the International release carries US and GB English, the UK edition GB English and its own.
 *
 * <p>Filters never empty a lexicon silently: a release whose language refset file lacks the chosen refset
 * fails naming the refsets it has; a load that keeps no term fails with the counts of what each filter
 * dropped; and one whose refset drops most synonyms logs a warning with those counts.
 *
 * <pre>{@code
 * List<Term> terms = SnomedRf2Loader.builder().build().load(Path.of("SnomedCT_InternationalRF2_PRODUCTION_20240101T120000Z.zip"));
 * }</pre>
 *
 * <p>A built loader is immutable and thread-safe.
 */
public final class SnomedRf2Loader {

    /** Type id of a fully specified name. */
    public static final String FSN_TYPE = "900000000000003001";
    /** Type id of a synonym. */
    public static final String SYNONYM_TYPE = "900000000000013009";
    /** The US English language reference set. */
    public static final String US_ENGLISH_REFSET = "900000000000509007";
    /** The GB English language reference set. */
    public static final String GB_ENGLISH_REFSET = "900000000000508004";

    private static final long PREFERRED = 900000000000548007L;
    private static final Logger LOG = LoggerFactory.getLogger(SnomedRf2Loader.class);
    private static final Map<Long, String> REFSET_NAMES = Map.of(Long.parseLong(US_ENGLISH_REFSET), "US English",
            Long.parseLong(GB_ENGLISH_REFSET), "GB English");
    private static final String CONCEPT_HEADER = "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId";
    private static final String DESCRIPTION_HEADER = "id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode"
            + "\ttypeId\tterm\tcaseSignificanceId";
    private static final String LANGUAGE_HEADER = "id\teffectiveTime\tactive\tmoduleId\trefsetId"
            + "\treferencedComponentId\tacceptabilityId";

    private final Map<String, EntityType> semanticTags;
    private final long languageRefset;
    private final boolean useLanguageRefset;
    private final String source;

    private SnomedRf2Loader(Builder builder) {
        this.semanticTags = Map.copyOf(builder.semanticTags);
        this.languageRefset = Long.parseLong(builder.languageRefset);
        this.useLanguageRefset = builder.useLanguageRefset;
        this.source = builder.source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default map from semantic tag (without parentheses) to entity type. */
    public static Map<String, EntityType> defaultSemanticTags() {
        Map<String, EntityType> tags = new LinkedHashMap<>();
        tags.put("disorder", EntityType.DISEASE);
        tags.put("finding", EntityType.SYMPTOM);
        tags.put("substance", EntityType.MEDICATION);
        tags.put("product", EntityType.MEDICATION);
        tags.put("clinical drug", EntityType.MEDICATION);
        tags.put("medicinal product", EntityType.MEDICATION);
        return tags;
    }

    /**
     * Loads the terms of a release: an unzipped release folder (searched recursively) or the release
     * zip ({@code SnomedCT_*RF2_PRODUCTION_*.zip}), read in place.
     *
     * @throws OntologyFormatException naming file and line for malformed rows, bad ids, a missing FSN
     * @throws OntologyLoadException for missing files, an unsafe or truncated zip
     */
    public List<Term> load(Path release) {
        try (Rf2Release files = Rf2Release.open(release)) {
            Set<Long> activeConcepts = readConcepts(files.concepts());
            Language language = useLanguageRefset && files.language() != null ? readLanguage(files.language()) : null;
            Map<Long, Fsn> fsns = new HashMap<>();
            List<Synonym> synonyms = new ArrayList<>();
            long outsideRefset = 0;
            for (Rf2Release.Entry descriptions : files.descriptions()) {
                outsideRefset += readDescriptions(descriptions, activeConcepts, language, fsns, synonyms);
            }
            Kept kept = terms(fsns, synonyms, language != null);
            String counts = counts(synonyms.size() + outsideRefset, outsideRefset, language, kept);
            if (kept.terms().isEmpty()) {
                throw new OntologyLoadException(release.toString(), "expected terms of the semantic tags "
                        + new TreeSet<>(semanticTags.keySet()) + ", but kept none: " + counts);
            }
            if (language != null && outsideRefset > synonyms.size()) {
                LOG.warn("{}: the language refset dropped most synonyms: {}", release, counts);
            }
            return kept.terms();
        }
    }

    /** What each filter kept and dropped, for messages. */
    private String counts(long activeSynonyms, long outsideRefset, Language language, Kept kept) {
        StringBuilder counts = new StringBuilder().append(activeSynonyms).append(" active synonyms of active concepts");
        if (language != null) {
            counts.append("; ").append(outsideRefset).append(" of them are not acceptable in language refset ")
                    .append(describe(languageRefset)).append(" (the language refset file has ")
                    .append(describeRows(language.rowsByRefset())).append(')');
        }
        counts.append("; ").append(kept.skippedByTag().values().stream().mapToLong(Long::longValue).sum())
                .append(" have a semantic tag not mapped to an entity type ").append(kept.skippedByTag());
        return counts.append("; ").append(kept.terms().size()).append(" terms kept").toString();
    }

    private static String describe(long refset) {
        String name = REFSET_NAMES.get(refset);
        return name == null ? Long.toString(refset) : refset + " (" + name + ")";
    }

    private static String describeRows(Map<Long, Long> rowsByRefset) {
        if (rowsByRefset.isEmpty()) {
            return "no active rows";
        }
        StringBuilder rows = new StringBuilder();
        rowsByRefset.forEach((refset, count) -> rows.append(rows.length() == 0 ? "" : ", ").append(count)
                .append(" active rows of ").append(describe(refset)));
        return rows.toString();
    }

    /** The terms kept, and the number of synonyms skipped per semantic tag that has no entity type. */
    private record Kept(List<Term> terms, Map<String, Long> skippedByTag) {
    }

    private Kept terms(Map<Long, Fsn> fsns, List<Synonym> synonyms, boolean withRefset) {
        Map<Long, String> preferredNames = new HashMap<>();
        for (Synonym synonym : synonyms) {
            Fsn fsn = fsns.get(synonym.concept);
            if (fsn == null) {
                throw new OntologyFormatException(synonym.file, synonym.line, "expected an active fully specified"
                        + " name (typeId " + FSN_TYPE + ") for concept " + synonym.concept + ", found none");
            }
            if (synonym.preferred) {
                preferredNames.putIfAbsent(synonym.concept, synonym.term);
            }
        }
        Set<Term> terms = new LinkedHashSet<>();
        Map<String, Long> skippedByTag = new TreeMap<>();
        for (Synonym synonym : synonyms) {
            Fsn fsn = fsns.get(synonym.concept);
            EntityType type = semanticTags.get(fsn.tag);
            if (type == null) {
                skippedByTag.merge(fsn.tag, 1L, Long::sum);
                continue;
            }
            String preferred = withRefset ? preferredNames.getOrDefault(synonym.concept, fsn.withoutTag) : fsn.withoutTag;
            terms.add(new Term(synonym.term, Long.toString(synonym.concept), preferred, type, source));
        }
        return new Kept(List.copyOf(terms), skippedByTag);
    }

    private static Set<Long> readConcepts(Rf2Release.Entry entry) {
        Set<Long> active = new HashSet<>();
        try (LineReader lines = entry.open(StandardCharsets.UTF_8)) {
            header(lines, CONCEPT_HEADER);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = row(lines, line, 5, CONCEPT_HEADER);
                long id = id(lines, fields, 0, "id");
                if (active(lines, fields)) {
                    active.add(id);
                }
            }
        }
        return active;
    }

    /** The acceptability of each description in the chosen refset, and how many active rows each refset has. */
    private record Language(Map<Long, Boolean> acceptability, Map<Long, Long> rowsByRefset) {
    }

    private Language readLanguage(Rf2Release.Entry entry) {
        Map<Long, Boolean> acceptability = new HashMap<>();
        Map<Long, Long> rowsByRefset = new TreeMap<>();
        try (LineReader lines = entry.open(StandardCharsets.UTF_8)) {
            header(lines, LANGUAGE_HEADER);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = row(lines, line, 7, LANGUAGE_HEADER);
                long refset = id(lines, fields, 4, "refsetId");
                long description = id(lines, fields, 5, "referencedComponentId");
                long value = id(lines, fields, 6, "acceptabilityId");
                if (active(lines, fields)) {
                    rowsByRefset.merge(refset, 1L, Long::sum);
                    if (refset == languageRefset) {
                        acceptability.put(description, value == PREFERRED);
                    }
                }
            }
            if (acceptability.isEmpty()) {
                throw new OntologyFormatException(lines.file(), lines.lineNumber(), "expected active rows of language"
                        + " refset " + describe(languageRefset) + ", found " + describeRows(rowsByRefset) + " (choose"
                        + " one of those with languageRefset, or turn useLanguageRefset off)");
            }
        }
        return new Language(acceptability, rowsByRefset);
    }

    /** Adds the FSNs and kept synonyms of one description file; returns the synonyms the language refset dropped. */
    private static long readDescriptions(Rf2Release.Entry entry, Set<Long> activeConcepts, Language language,
                                         Map<Long, Fsn> fsns, List<Synonym> synonyms) {
        long outsideRefset = 0;
        try (LineReader lines = entry.open(StandardCharsets.UTF_8)) {
            header(lines, DESCRIPTION_HEADER);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = row(lines, line, 9, DESCRIPTION_HEADER);
                long id = id(lines, fields, 0, "id");
                long concept = id(lines, fields, 4, "conceptId");
                String typeId = fields.get(6);
                id(lines, fields, 6, "typeId");
                String term = fields.get(7);
                if (term.isBlank()) {
                    throw lines.error("expected a term in field 8, found an empty field");
                }
                if (!active(lines, fields) || !activeConcepts.contains(concept)) {
                    continue;
                }
                if (FSN_TYPE.equals(typeId)) {
                    fsns.put(concept, fsn(lines, term));
                } else if (SYNONYM_TYPE.equals(typeId)) {
                    Boolean preferred = language == null ? Boolean.FALSE : language.acceptability().get(id);
                    if (preferred != null) {
                        synonyms.add(new Synonym(concept, term, preferred, lines.file(), lines.lineNumber()));
                    } else {
                        outsideRefset++;
                    }
                }
            }
        }
        return outsideRefset;
    }

    private static Fsn fsn(LineReader lines, String term) {
        String stripped = term.strip();
        int open = stripped.lastIndexOf(" (");
        if (!stripped.endsWith(")") || open <= 0 || open + 3 >= stripped.length()) {
            throw lines.error("expected a fully specified name ending in a semantic tag such as '(disorder)',"
                    + " found '" + term + "'");
        }
        return new Fsn(stripped.substring(open + 2, stripped.length() - 1), stripped.substring(0, open).strip());
    }

    private static void header(LineReader lines, String expected) {
        String header = lines.next();
        if (header == null) {
            throw new OntologyFormatException(lines.file(), 0, "expected the header row '"
                    + expected.replace('\t', ' ') + "', found an empty file");
        }
        if (!header.equals(expected)) {
            throw lines.error("expected the tab-separated header row '" + expected.replace("\t", "<TAB>")
                    + "', found '" + header.replace("\t", "<TAB>") + "'");
        }
    }

    private static List<String> row(LineReader lines, String line, int columns, String header) {
        List<String> fields = Fields.split(line, '\t');
        if (fields.size() != columns) {
            throw lines.error("expected " + columns + " tab-separated fields (" + header.replace("\t", ", ")
                    + "), found " + fields.size());
        }
        return fields;
    }

    private static long id(LineReader lines, List<String> fields, int index, String name) {
        String value = fields.get(index);
        boolean digits = value.length() >= 6 && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw lines.error("expected a SNOMED CT id (6 to 18 digits) in field " + (index + 1) + " (" + name
                    + "), found '" + value + "'");
        }
        return Long.parseLong(value);
    }

    private static boolean active(LineReader lines, List<String> fields) {
        String value = fields.get(2);
        if (value.equals("1")) {
            return true;
        }
        if (value.equals("0")) {
            return false;
        }
        throw lines.error("expected 0 or 1 in field 3 (active), found '" + value + "'");
    }

    private record Fsn(String tag, String withoutTag) {
    }

    private record Synonym(long concept, String term, boolean preferred, String file, long line) {
    }

    /**
     * Defaults: {@link #defaultSemanticTags()}, the US English language refset when the release has
     * one, source {@code SNOMEDCT}. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, EntityType> semanticTags = new LinkedHashMap<>(defaultSemanticTags());
        private String languageRefset = US_ENGLISH_REFSET;
        private boolean useLanguageRefset = true;
        private String source = "SNOMEDCT";

        private Builder() {
        }

        /** Replaces the tag map; tags without parentheses, e.g. {@code "disorder"}. */
        public Builder semanticTags(Map<String, EntityType> tags) {
            semanticTags.clear();
            semanticTags.putAll(tags);
            return this;
        }

        /** Maps one more tag (or remaps one) to a type. */
        public Builder putSemanticTag(String tag, EntityType type) {
            semanticTags.put(Objects.requireNonNull(tag, "tag"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** The language refset whose acceptable synonyms are kept (default {@link #US_ENGLISH_REFSET}). */
        public Builder languageRefset(String refsetId) {
            this.languageRefset = refsetId;
            return this;
        }

        /** Whether to use the release's language refset when it has one (default true). */
        public Builder useLanguageRefset(boolean use) {
            this.useLanguageRefset = use;
            return this;
        }

        /** The source name of the matches (default {@code SNOMEDCT}, e.g. {@code SNOMEDCT_US}). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public SnomedRf2Loader build() {
            SettingsCheck check = SettingsCheck.of("the SNOMED CT loader");
            check.require(!semanticTags.isEmpty(), "semanticTags must not be empty");
            for (String tag : semanticTags.keySet()) {
                check.require(!tag.isBlank() && !tag.startsWith("("),
                        "semanticTags keys must be tags without parentheses, e.g. 'disorder': tag='" + tag + "'");
            }
            check.require(languageRefset != null && languageRefset.matches("[0-9]{6,18}"),
                    "languageRefset must be a SNOMED CT id: languageRefset=" + languageRefset);
            check.require(source != null && !source.isBlank(), "source must not be blank: source=" + source);
            check.throwIfAny();
            return new SnomedRf2Loader(this);
        }
    }
}
