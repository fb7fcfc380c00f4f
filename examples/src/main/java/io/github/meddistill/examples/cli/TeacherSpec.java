package io.github.meddistill.examples.cli;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.examples.demo.LlmTeachers;
import io.github.meddistill.examples.teachers.ClinicalPatternTeacher;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.loaders.DelimitedLexiconLoader;
import io.github.meddistill.ontology.loaders.OboLoader;
import io.github.meddistill.ontology.loaders.RrfLoader;
import io.github.meddistill.ontology.loaders.SnomedRf2Loader;
import io.github.meddistill.teachers.PromptTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A teacher named on the command line, as {@code KIND[=PATH]}:
 * <ul>
 *   <li>{@code doid=FILE}: Disease Ontology OBO, DISEASE; {@code hpo=FILE}: HPO phenotypic abnormalities, SYMPTOM;</li>
 *   <li>{@code drugbank=FILE}: DrugBank vocabulary CSV; {@code drugsatfda=FILE}: Drugs@FDA Products.txt (MEDICATION);</li>
 *   <li>{@code rxnorm=PATH}: RXNCONSO.RRF or an RxNorm release folder, MEDICATION;</li>
 *   <li>{@code snomed=PATH}: a SNOMED CT RF2 release folder or zip, types from semantic tags, synonyms of the
 *       language refset {@link SnomedRefsetOption} chooses;</li>
 *   <li>{@code patterns}: the rule-based example teacher;</li>
 *   <li>{@code openai=MODEL} (key in OPENAI_API_KEY, or {@code --openai-base-url} for a local server),
 *       {@code gemini=MODEL} (key in GEMINI_API_KEY).</li>
 * </ul>
 */
record TeacherSpec(String kind, String value) {

    static final String HELP = "doid=FILE, hpo=FILE, drugbank=FILE, drugsatfda=FILE, rxnorm=PATH, snomed=PATH,"
            + " patterns, openai=MODEL, gemini=MODEL";

    /** Parses {@code KIND[=VALUE]}. */
    static TeacherSpec parse(String text) {
        int equals = text.indexOf('=');
        String kind = equals < 0 ? text : text.substring(0, equals);
        String value = equals < 0 ? "" : text.substring(equals + 1);
        TeacherSpec spec = new TeacherSpec(kind, value);
        boolean needsValue = !kind.equals("patterns");
        if (!List.of("doid", "hpo", "drugbank", "drugsatfda", "rxnorm", "snomed", "patterns", "openai", "gemini").contains(kind)) {
            throw new IllegalArgumentException("unknown teacher '" + text + "': expected one of " + HELP);
        }
        if (needsValue && value.isBlank()) {
            throw new IllegalArgumentException("teacher '" + kind + "' needs a value: " + kind + "=" + (kind.equals("openai")
                    || kind.equals("gemini") ? "MODEL" : "PATH"));
        }
        if (needsValue && !kind.equals("openai") && !kind.equals("gemini") && !Files.exists(Path.of(value))) {
            throw new IllegalArgumentException("teacher '" + kind + "': no such file or folder: " + value);
        }
        return spec;
    }

    /** The entity types this kind of teacher can label; known before anything is loaded. */
    Set<EntityType> types() {
        return switch (kind) {
            case "doid" -> Set.of(EntityType.DISEASE);
            case "hpo" -> Set.of(EntityType.SYMPTOM);
            case "drugbank", "drugsatfda", "rxnorm" -> Set.of(EntityType.MEDICATION);
            case "snomed" -> Set.copyOf(SnomedRf2Loader.defaultSemanticTags().values());
            case "patterns" -> Set.of(EntityType.MEDICATION, EntityType.DISEASE);
            // the command line gives LLM teachers the predefined types, each with its default definition
            case "openai", "gemini" -> PromptTemplate.DEFAULT_DEFINITIONS.keySet();
            default -> throw new IllegalStateException("unhandled teacher kind " + kind);
        };
    }

    /**
     * Builds the teacher for those of {@code types} it can label.
     *
     * @param openAiBaseUrl an OpenAI-compatible server for {@code openai=MODEL}, or {@code null} for OpenAI itself
     * @param snomedRefset the language refset of {@code snomed=PATH}
     * @param cacheDirectory where LLM answers are cached
     */
    Teacher build(Set<EntityType> types, String openAiBaseUrl, SnomedRefsetOption snomedRefset, Path cacheDirectory) {
        Path path = Path.of(value);
        Set<EntityType> labelled = types.stream().filter(types()::contains).collect(Collectors.toSet());
        return switch (kind) {
            case "doid" -> dictionary("doid", OboLoader.builder(EntityType.DISEASE).source("DOID").build().load(path));
            case "hpo" -> dictionary("hpo", OboLoader.hpoPhenotypicAbnormality().load(path));
            case "drugbank" -> dictionary("drugbank", DelimitedLexiconLoader.drugBankVocabulary().load(path));
            case "drugsatfda" -> dictionary("drugsatfda", DelimitedLexiconLoader.drugsAtFdaProducts().load(path));
            case "rxnorm" -> dictionary("rxnorm", RrfLoader.builder().build().load(path));
            case "snomed" -> dictionary("snomed", snomedRefset.loader().load(path));
            case "patterns" -> new ClinicalPatternTeacher("patterns", labelled);
            case "openai" -> LlmTeachers.openAi(value, openAiBaseUrl, labelled, cacheDirectory);
            case "gemini" -> LlmTeachers.gemini(value, labelled, cacheDirectory);
            default -> throw new IllegalStateException("unhandled teacher kind " + kind);
        };
    }

    /** The terms of a lexicon spec (doid, hpo, drugbank, drugsatfda, rxnorm), for a concept linker. */
    List<Term> terms() {
        Path path = Path.of(value);
        return switch (kind) {
            case "doid" -> OboLoader.builder(EntityType.DISEASE).source("DOID").build().load(path);
            case "hpo" -> OboLoader.hpoPhenotypicAbnormality().load(path);
            case "drugbank" -> DelimitedLexiconLoader.drugBankVocabulary().load(path);
            case "drugsatfda" -> DelimitedLexiconLoader.drugsAtFdaProducts().load(path);
            case "rxnorm" -> RrfLoader.builder().build().load(path);
            default -> throw new IllegalArgumentException("--link " + kind + "=" + value + ": expected a lexicon"
                    + " (doid, hpo, drugbank, drugsatfda or rxnorm), found '" + kind + "'");
        };
    }

    private static Teacher dictionary(String name, List<Term> terms) {
        return OntologyTeacher.builder(name).addMatcher(DictionaryMatcher.builder().addTerms(terms).build()).build();
    }
}
