/**
 * Benchmark and quality programs for the ontology teachers: {@link
 * io.github.meddistill.examples.ontology.OntologyBenchmark} (speed with the four open lexicons on
 * MTSamples, against a naive scan in the same run) and {@link
 * io.github.meddistill.examples.ontology.OntologyQuality} (span P/R/F1 as teachers on NCBI-disease and BC5CDR).
 *
 * <pre>{@code
 * java -cp examples/target/meddistill.jar io.github.meddistill.examples.ontology.OntologyBenchmark ../shared/data
 * }</pre>
 */
package io.github.meddistill.examples.ontology;
