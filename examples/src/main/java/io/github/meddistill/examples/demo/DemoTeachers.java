package io.github.meddistill.examples.demo;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.examples.teachers.ClinicalPatternTeacher;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.examples.ontology.OntologyQuality;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.SaltForms;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.loaders.DelimitedLexiconLoader;
import io.github.meddistill.ontology.loaders.OboLoader;
import io.github.meddistill.ontology.loaders.SynonymScope;
import io.github.meddistill.teachers.LlmTeacher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The teachers of the main job: dictionary teachers built from the bundled lexicons (loaded once and
 * shared by every task, with the matcher options tuned on the train/dev splits in
 * {@link OntologyQuality#tunedMatcher()}), the rule-based {@link ClinicalPatternTeacher}, and LLM teachers when keys or
 * a local server are configured. Close it to close the LLM teachers.
 */
final class DemoTeachers implements AutoCloseable {

    private final Path lexiconDirectory;
    private final Path cacheDirectory;
    private final List<LlmTeacher> llmTeachers = new ArrayList<>();
    private DictionaryMatcher doid;
    private List<Term> hpoTerms;
    private DictionaryMatcher hpo;
    private DictionaryMatcher hpoAsDisease;
    private DictionaryMatcher drugBank;
    private DictionaryMatcher drugsAtFda;

    DemoTeachers(Path lexiconDirectory, Path cacheDirectory) {
        this.lexiconDirectory = lexiconDirectory;
        this.cacheDirectory = cacheDirectory;
    }

    /** The teachers for a task's entity types. */
    List<Teacher> forTask(DemoTask task, java.util.Optional<LlmTeacherSettings> llm) {
        List<Teacher> teachers = new ArrayList<>();
        if (task.types().contains(EntityType.DISEASE)) {
            teachers.add(OntologyTeacher.builder("doid").addMatcher(doid()).addType(EntityType.DISEASE).build());
        }
        if (task.types().contains(EntityType.MEDICATION)) {
            teachers.add(OntologyTeacher.builder("drugbank").addMatcher(drugBank()).addType(EntityType.MEDICATION).build());
            teachers.add(OntologyTeacher.builder("drugsatfda").addMatcher(drugsAtFda()).addType(EntityType.MEDICATION).build());
        }
        if (task.types().contains(EntityType.SYMPTOM)) {
            teachers.add(OntologyTeacher.builder("hpo").addMatcher(hpo()).addType(EntityType.SYMPTOM).build());
        } else if (task.types().contains(EntityType.DISEASE)) {
            teachers.add(OntologyTeacher.builder("hpo").addMatcher(hpoAsDisease()).addType(EntityType.DISEASE).build());
        }
        teachers.add(new ClinicalPatternTeacher("patterns", task.types()));
        llm.ifPresent(settings -> teachers.addAll(llmTeachers(settings, task.types())));
        return teachers;
    }

    private List<Teacher> llmTeachers(LlmTeacherSettings settings, Set<EntityType> types) {
        List<Teacher> teachers = new ArrayList<>();
        settings.openAiModel().ifPresent(model ->
                teachers.add(track(LlmTeachers.openAi(model, settings.openAiBaseUrl().orElse(null), types, cacheDirectory))));
        settings.geminiModel().ifPresent(model -> teachers.add(track(LlmTeachers.gemini(model, types, cacheDirectory))));
        return teachers;
    }

    private LlmTeacher track(LlmTeacher teacher) {
        llmTeachers.add(teacher);
        return teacher;
    }

    private DictionaryMatcher doid() {
        if (doid == null) {
            doid = OntologyQuality.tunedMatcher().addTerms(oboTerms(EntityType.DISEASE, "DOID", BundledData.DOID))
                    .build();
        }
        return doid;
    }

    /**
     * HPO's phenotypic abnormalities as SYMPTOM terms: the signs and symptoms branch is most of HPO; its mode of
     * inheritance, onset and modifier terms rarely occur in notes as such.
     */
    private DictionaryMatcher hpo() {
        if (hpo == null) {
            hpo = OntologyQuality.tunedMatcher().addTerms(hpoTerms()).build();
        }
        return hpo;
    }

    /**
     * HPO's terms as DISEASE, for a task without a SYMPTOM type: some disease guidelines count signs and symptoms
     * as diseases (BC5CDR's "hypotension", "seizures", "hepatotoxicity"), which DOID lacks. The subset search keeps
     * it only where it helps on dev: on BC5CDR, union(doid, hpo) (dev F1 0.717 against union(doid, patterns)'s
     * 0.586; distilled student 0.740 against 0.703, 2026-12-07); on NCBI-disease no combination with it scores
     * better on dev, so it is not chosen.
     */
    private DictionaryMatcher hpoAsDisease() {
        if (hpoAsDisease == null) {
            List<Term> asDisease = hpoTerms().stream().map(t -> new Term(t.text(), t.conceptId(), t.preferredName(),
                    EntityType.DISEASE, t.source(), t.xrefs(), t.parents())).toList();
            hpoAsDisease = OntologyQuality.tunedMatcher().addTerms(asDisease).build();
        }
        return hpoAsDisease;
    }

    /** HPO's terms as SYMPTOM, parsed once for both HPO matchers (a run may mix tasks with and without SYMPTOM). */
    private List<Term> hpoTerms() {
        if (hpoTerms == null) {
            hpoTerms = oboTerms(EntityType.SYMPTOM, "HPO", BundledData.HPO);
        }
        return hpoTerms;
    }

    /** The bundled OBO lexicon {@code resource}'s exact and related names as {@code type} terms. */
    private List<Term> oboTerms(EntityType type, String source, String resource) {
        return OboLoader.builder(type).source(source)
                .scopes(EnumSet.of(SynonymScope.EXACT, SynonymScope.RELATED)).build()
                .load(BundledData.lexicon(resource, lexiconDirectory));
    }

    private DictionaryMatcher drugBank() {
        if (drugBank == null) {
            drugBank = OntologyQuality.tunedMatcher().addTerms(SaltForms.withBaseNames(DelimitedLexiconLoader.drugBankVocabulary()
                    .load(BundledData.lexicon(BundledData.DRUGBANK_VOCABULARY, lexiconDirectory)))).build();
        }
        return drugBank;
    }

    private DictionaryMatcher drugsAtFda() {
        if (drugsAtFda == null) {
            drugsAtFda = OntologyQuality.tunedMatcher().addTerms(SaltForms.withBaseNames(DelimitedLexiconLoader.drugsAtFdaProducts()
                    .load(BundledData.lexicon(BundledData.DRUGS_AT_FDA_PRODUCTS, lexiconDirectory)))).build();
        }
        return drugsAtFda;
    }

    @Override
    public void close() {
        llmTeachers.forEach(LlmTeacher::close);
    }
}
