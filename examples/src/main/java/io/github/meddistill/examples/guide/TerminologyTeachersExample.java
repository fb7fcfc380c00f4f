package io.github.meddistill.examples.guide;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.loaders.RrfLoader;
import io.github.meddistill.ontology.loaders.SnomedRf2Loader;
import java.nio.file.Path;

/**
 * RxNorm and SNOMED CT teachers from your own licensed release files (MedDistill ships none): RxNorm's
 * {@code RXNCONSO.RRF} (or the unzipped release folder) labels medications; a SNOMED CT RF2 snapshot
 * (release folder or zip) labels diseases ({@code (disorder)}) and symptoms ({@code (finding)}). Both
 * run locally, free and fast.
 *
 * <p>Run: {@code java -cp examples/target/meddistill.jar io.github.meddistill.examples.guide.TerminologyTeachersExample
 * RxNorm_full/rrf SnomedCT_InternationalRF2_PRODUCTION_20250101T120000Z.zip "note text"}
 */
public final class TerminologyTeachersExample {

    private TerminologyTeachersExample() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TerminologyTeachersExample RXNORM_RRF_OR_FOLDER SNOMED_RF2_FOLDER_OR_ZIP TEXT");
            System.exit(2);
        }
        OntologyTeacher teacher = teacher(Path.of(args[0]), Path.of(args[1]));
        Annotation annotation = teacher.annotate(new Document("note", args[2]));
        annotation.entities().forEach(e -> System.out.println(e.type() + "\t" + e.start() + "\t" + e.end() + "\t" + e.text()));
    }

    /** One teacher over both terminologies; RxNorm wins where the two overlap. */
    static OntologyTeacher teacher(Path rxnorm, Path snomed) {
        DictionaryMatcher drugs = DictionaryMatcher.builder().addTerms(RrfLoader.builder().build().load(rxnorm)).build();
        DictionaryMatcher conditions = DictionaryMatcher.builder().addTerms(SnomedRf2Loader.builder().build().load(snomed)).build();
        return OntologyTeacher.builder("rxnorm+snomed").addMatcher(drugs).addMatcher(conditions).build();
    }
}
