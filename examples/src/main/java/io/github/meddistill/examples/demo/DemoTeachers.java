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
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.gemini.GeminiTeacher;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
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
    private final List<AutoCloseable> opened = new ArrayList<>();
    private DictionaryMatcher doid;
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
        teachers.add(new ClinicalPatternTeacher("patterns", task.types()));
        llm.ifPresent(settings -> teachers.addAll(llmTeachers(settings, task.types())));
        return teachers;
    }

    private List<Teacher> llmTeachers(LlmTeacherSettings settings, Set<EntityType> types) {
        List<Teacher> teachers = new ArrayList<>();
        settings.openAiModel().ifPresent(model -> {
            OpenAiTeacher.Builder builder = OpenAiTeacher.builder(model).cacheDirectory(cacheDirectory.resolve("openai-" + model));
            types.forEach(builder::addEntityType);
            settings.openAiBaseUrl().ifPresent(url -> builder.baseUrl(url).price(Price.FREE));
            OpenAiTeacher teacher = builder.build();
            opened.add(teacher);
            teachers.add(teacher);
        });
        settings.geminiModel().ifPresent(model -> {
            GeminiTeacher.Builder builder = GeminiTeacher.builder(model).cacheDirectory(cacheDirectory.resolve("gemini-" + model));
            types.forEach(builder::addEntityType);
            GeminiTeacher teacher = builder.build();
            opened.add(teacher);
            teachers.add(teacher);
        });
        return teachers;
    }

    private DictionaryMatcher doid() {
        if (doid == null) {
            List<Term> terms = OboLoader.builder(EntityType.DISEASE).source("DOID")
                    .scopes(EnumSet.of(SynonymScope.EXACT, SynonymScope.RELATED)).build()
                    .load(BundledData.lexicon(BundledData.DOID, lexiconDirectory));
            doid = OntologyQuality.tunedMatcher().addTerms(terms).build();
        }
        return doid;
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
        for (AutoCloseable closeable : opened) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close teacher " + closeable, e);
            }
        }
    }
}
