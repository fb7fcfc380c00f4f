package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.ReadNotice;
import io.github.meddistill.core.io.TypeMapping;
import java.util.Optional;

/** Resolves corpus labels through a {@link TypeMapping}, turning policy failures into format errors. */
public final class Labels {

    private Labels() {
    }

    /** The entity type of {@code label}; empty (and noted) when the mapping skips it. */
    public static Optional<EntityType> resolve(String label, TypeMapping mapping, ReportCollector report, String source,
                                               long line, String documentId) {
        Optional<EntityType> type;
        try {
            type = mapping.resolve(label);
        } catch (IllegalArgumentException e) {
            throw new CorpusFormatException(source, line, "type", "a label mapped to an entity type (mapped: "
                    + mapping.labels().keySet().stream().sorted().toList() + ", unmapped labels: " + mapping.unmapped()
                    + ")", label, e);
        }
        if (type.isEmpty()) {
            report.notice(ReadNotice.Kind.UNMAPPED_TYPE_SKIPPED, source + ":" + line,
                    "document " + documentId + " label " + label);
        }
        return type;
    }
}
