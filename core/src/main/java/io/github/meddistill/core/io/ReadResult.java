package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Corpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a reader returned from one input, in input order, with its {@link ReadReport}.
 *
 * @param annotations one per document, in input order (document ids may repeat, see the report)
 * @param report counts and deliberate handling
 */
public record ReadResult(List<Annotation> annotations, ReadReport report) {

    public ReadResult {
        annotations = List.copyOf(annotations);
        Objects.requireNonNull(report, "report");
    }

    /**
     * The annotations as a {@link Corpus}. A document that occurs again with identical text and
     * entities (NCBI-disease train holds PMID 8528200 twice) is kept once.
     *
     * @throws CorpusFormatException if one id names two different documents
     */
    public Corpus toCorpus(String name) {
        Map<String, Annotation> byId = new LinkedHashMap<>();
        for (Annotation annotation : annotations) {
            Annotation previous = byId.putIfAbsent(annotation.documentId(), annotation);
            if (previous != null && !previous.equals(annotation)) {
                throw new CorpusFormatException(report.source(), 0, "document id",
                        "unique ids or identical repeated documents", annotation.documentId());
            }
        }
        return new Corpus(name, new ArrayList<>(byId.values()));
    }
}
