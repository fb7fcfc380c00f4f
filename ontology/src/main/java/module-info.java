/**
 * Ontology teachers: RxNorm / UMLS RRF, SNOMED CT RF2, OBO and CSV / TSV lexicon loaders and the dictionary matcher.
 * {@code io.github.meddistill.ontology.internal} is not a published API.
 */
module io.github.meddistill.ontology {
    requires transitive io.github.meddistill.core;
    requires org.slf4j;

    exports io.github.meddistill.ontology;
    exports io.github.meddistill.ontology.loaders;
}
