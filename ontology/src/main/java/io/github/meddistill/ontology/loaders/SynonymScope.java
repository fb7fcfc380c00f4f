package io.github.meddistill.ontology.loaders;

/** The scope of an OBO synonym: how closely it means the term's name. */
public enum SynonymScope {
    EXACT,
    RELATED,
    BROAD,
    NARROW
}
