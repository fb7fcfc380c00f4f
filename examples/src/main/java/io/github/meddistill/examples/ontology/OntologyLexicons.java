package io.github.meddistill.examples.ontology;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.loaders.DelimitedLexiconLoader;
import io.github.meddistill.ontology.loaders.OboLoader;
import io.github.meddistill.ontology.loaders.SynonymScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The four open lexicons of a data folder laid out like {@code ../shared/data/lexicons} (DOID, HPO,
 * DrugBank vocabulary, Drugs@FDA products), each file also accepted gzipped ({@code name.gz}).
 */
public final class OntologyLexicons {

    private OntologyLexicons() {
    }

    /** OBO synonym scopes used here: RELATED synonyms raised recall on the train/dev splits at no cost in precision. */
    private static final Set<SynonymScope> SCOPES = EnumSet.of(SynonymScope.EXACT, SynonymScope.RELATED);

    /** DOID names and EXACT and RELATED synonyms as DISEASE. */
    public static List<Term> doid(Path dataDir) {
        return OboLoader.builder(EntityType.DISEASE).scopes(SCOPES).build()
                .load(file(dataDir, "lexicons/doid/doid.obo"));
    }

    /** HPO phenotypic abnormalities (descendants of HP:0000118), EXACT and RELATED synonyms, as SYMPTOM. */
    public static List<Term> hpo(Path dataDir) {
        return OboLoader.builder(EntityType.SYMPTOM).branchRoot(OboLoader.HPO_PHENOTYPIC_ABNORMALITY).scopes(SCOPES)
                .build().load(file(dataDir, "lexicons/hpo/hp.obo"));
    }

    /** DrugBank common names and synonyms as MEDICATION. */
    public static List<Term> drugBank(Path dataDir) {
        return DelimitedLexiconLoader.drugBankVocabulary()
                .load(file(dataDir, "lexicons/drugbank_vocabulary/drugbank_vocabulary.csv"));
    }

    /** Drugs@FDA product names and active ingredients as MEDICATION. */
    public static List<Term> drugsAtFda(Path dataDir) {
        return DelimitedLexiconLoader.drugsAtFdaProducts()
                .load(file(dataDir, "lexicons/drugsatfda_products/Products.txt"));
    }

    /** {@code dataDir/relative}, or its gzipped form when only that exists. */
    static Path file(Path dataDir, String relative) {
        Path plain = dataDir.resolve(relative);
        Path gzipped = dataDir.resolve(relative + ".gz");
        return Files.exists(plain) || !Files.exists(gzipped) ? plain : gzipped;
    }
}
