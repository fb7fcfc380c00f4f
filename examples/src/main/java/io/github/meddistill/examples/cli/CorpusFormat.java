package io.github.meddistill.examples.cli;

import io.github.meddistill.core.io.BratReader;
import io.github.meddistill.core.io.ConllReader;
import io.github.meddistill.core.io.JsonlReader;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.core.io.ReadResult;
import io.github.meddistill.core.io.TypeMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The corpus formats the command line reads, and how each is recognised from a path. */
enum CorpusFormat {
    JSONL, PUBTATOR, BRAT, CONLL;

    /**
     * The format named by {@code name}, or, when it is {@code null}, guessed from the path: a folder or
     * {@code .ann}-backed {@code .txt} is brat, {@code .jsonl} JSONL, {@code .conll}/{@code .tsv}/{@code .iob}
     * CoNLL, anything else PubTator; a {@code .gz} after the name counts as absent (the readers gunzip).
     */
    static CorpusFormat of(String name, Path path) {
        if (name != null) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + name + "': expected jsonl, pubtator, brat or conll", e);
            }
        }
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (Files.isDirectory(path) || file.endsWith(".ann")) {
            return BRAT;
        }
        if (file.endsWith(".jsonl")) {
            return JSONL;
        }
        if (file.endsWith(".conll") || file.endsWith(".tsv") || file.endsWith(".iob")) {
            return CONLL;
        }
        return PUBTATOR;
    }

    /** Reads the whole corpus, mapping NCBI-disease/BC5CDR labels to MedDistill types. */
    ReadResult read(Path path) {
        TypeMapping mapping = TypeMapping.biomedical();
        return switch (this) {
            case JSONL -> JsonlReader.builder().typeMapping(mapping).build().read(path);
            case PUBTATOR -> PubTatorReader.builder().typeMapping(mapping).build().read(path);
            case BRAT -> BratReader.builder().typeMapping(mapping).build().read(path);
            case CONLL -> ConllReader.builder().typeMapping(mapping).build().read(path);
        };
    }
}
