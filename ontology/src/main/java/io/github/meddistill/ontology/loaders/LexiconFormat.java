package io.github.meddistill.ontology.loaders;

/** How a plain lexicon file separates its fields. Both have one header row. */
public enum LexiconFormat {
    /** RFC 4180 comma-separated values: quoted fields, {@code ""} inside quotes, line breaks inside quotes. */
    CSV,
    /**
     * Tab-separated values without quoting; a doubled quote {@code ""} stands for one quote (as the
     * Drugs@FDA tables write it) and empty fields beyond the header's are ignored.
     */
    TSV
}
