/**
 * The README's main job ({@code meddistill demo}): the whole method, offline, on the public corpora and
 * lexicons bundled in this jar (NCBI-disease, BC5CDR, Disease Ontology, DrugBank vocabulary, Drugs@FDA).
 */
package io.github.meddistill.examples.demo;
