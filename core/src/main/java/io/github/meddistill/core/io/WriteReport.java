package io.github.meddistill.core.io;

import java.util.Objects;

/**
 * What a writer wrote.
 *
 * @param target the file or folder written
 * @param documents documents written
 * @param entities entities written as given
 * @param entitiesChanged entities the format could not hold as given (CoNLL: widened to token
 *     boundaries, or dropped because they overlap a longer entity); 0 for lossless formats
 */
public record WriteReport(String target, long documents, long entities, long entitiesChanged) {

    public WriteReport {
        Objects.requireNonNull(target, "target");
        if (documents < 0 || entities < 0 || entitiesChanged < 0) {
            throw new IllegalArgumentException("counts must not be negative: documents=" + documents + ", entities="
                    + entities + ", entitiesChanged=" + entitiesChanged);
        }
    }
}
