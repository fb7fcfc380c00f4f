/**
 * Ontology teachers: a fast, thread-safe dictionary matcher over normalised word tokens
 * ({@link io.github.meddistill.ontology.DictionaryMatcher}) filled with
 * {@link io.github.meddistill.ontology.Term}s from the loaders in
 * {@link io.github.meddistill.ontology.loaders}, and {@link io.github.meddistill.ontology.OntologyTeacher},
 * which turns one or several matchers into a {@link io.github.meddistill.core.Teacher}. The same terms build a
 * {@link io.github.meddistill.ontology.ConceptLinker}, which codes extracted entities, and which coded mentions
 * ({@link io.github.meddistill.ontology.LinkExamples}) can teach the names the lexicons lack.
 *
 * <pre>{@code
 * DictionaryMatcher drugs = DictionaryMatcher.builder().addTerms(RrfLoader.builder().build().load(rxnormFolder)).build();
 * Teacher teacher = OntologyTeacher.builder("rxnorm").addMatcher(drugs).build();
 * Annotation labels = teacher.annotate(new Document("n1", "Started metformin 500 mg."));
 * }</pre>
 */
package io.github.meddistill.ontology;
