package io.github.meddistill.core.io;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reader read and what it handled deliberately: documents and entities returned, a count per
 * {@link ReadNotice.Kind}, and the first {@value #MAX_EXAMPLES} notices as examples (the rest are
 * counted in {@link #examplesOmitted()}, never silently lost).
 *
 * @param source the file or folder read
 * @param documents documents returned
 * @param entities entities returned, after deduplication
 * @param counts number of notices per kind; kinds that never occurred are absent
 * @param examples the first notices, in reading order
 * @param examplesOmitted notices counted but not kept as examples
 */
public record ReadReport(String source, long documents, long entities, Map<ReadNotice.Kind, Long> counts,
                         List<ReadNotice> examples, long examplesOmitted) {

    /** How many notices are kept as examples. */
    public static final int MAX_EXAMPLES = 100;

    public ReadReport {
        Objects.requireNonNull(source, "source");
        counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
        examples = List.copyOf(examples);
        if (documents < 0 || entities < 0 || examplesOmitted < 0) {
            throw new IllegalArgumentException("counts must not be negative: documents=" + documents + ", entities="
                    + entities + ", examplesOmitted=" + examplesOmitted);
        }
    }

    /** Number of notices of {@code kind}; 0 if none. */
    public long count(ReadNotice.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Whether the reader had to handle anything deliberately. */
    public boolean hasNotices() {
        return !counts.isEmpty();
    }

    /** A one-line summary without document text, suitable for logs. */
    public String summary() {
        StringBuilder summary = new StringBuilder(source).append(": ").append(documents).append(" documents, ")
                .append(entities).append(" entities");
        new EnumMap<>(counts).forEach((kind, count) -> summary.append(", ").append(kind).append('=').append(count));
        return summary.toString();
    }
}
