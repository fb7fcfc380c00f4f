/**
 * Streaming loaders that turn vocabulary release files into {@link io.github.meddistill.ontology.Term}s:
 * RxNorm / UMLS RRF ({@link io.github.meddistill.ontology.loaders.RrfLoader}), SNOMED CT RF2 snapshots
 * ({@link io.github.meddistill.ontology.loaders.SnomedRf2Loader}), OBO ontologies such as DOID and HPO
 * ({@link io.github.meddistill.ontology.loaders.OboLoader}) and plain CSV/TSV lexicons
 * ({@link io.github.meddistill.ontology.loaders.DelimitedLexiconLoader}). Malformed input fails with an
 * {@link io.github.meddistill.ontology.OntologyFormatException} naming file, line and what was expected.
 *
 * <pre>{@code
 * List<Term> diseases = OboLoader.builder(EntityType.DISEASE).build().load(Path.of("doid.obo"));
 * }</pre>
 */
package io.github.meddistill.ontology.loaders;
