package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.ReadNotice;
import io.github.meddistill.core.io.ReadReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts what a reader returned and handled deliberately; builds {@link ReadReport} snapshots. Not thread-safe. */
public final class ReportCollector {

    private final String source;
    private final Map<ReadNotice.Kind, Long> counts = new EnumMap<>(ReadNotice.Kind.class);
    private final List<ReadNotice> examples = new ArrayList<>();
    private final Set<String> documentIds = new HashSet<>();
    private long examplesOmitted;
    private long documents;
    private long entities;

    public ReportCollector(String source) {
        this.source = source;
    }

    public void notice(ReadNotice.Kind kind, String location, String detail) {
        counts.merge(kind, 1L, Long::sum);
        if (examples.size() < ReadReport.MAX_EXAMPLES) {
            examples.add(new ReadNotice(kind, location, detail));
        } else {
            examplesOmitted++;
        }
    }

    /**
     * Records a finished document: notes a repeated id, drops and notes duplicate entities, notes
     * overlapping pairs, and returns the entities to keep, in document order.
     */
    public List<Entity> document(String id, List<Entity> found, String location) {
        if (!documentIds.add(id)) {
            notice(ReadNotice.Kind.DUPLICATE_DOCUMENT_ID, location, "document " + id);
        }
        Set<Entity> unique = new LinkedHashSet<>();
        for (Entity entity : found) {
            if (!unique.add(entity)) {
                notice(ReadNotice.Kind.DUPLICATE_ENTITY, location, "document " + id + " [" + entity.start() + ", "
                        + entity.end() + ") " + entity.type());
            }
        }
        List<Entity> sorted = unique.stream().sorted(Entity.DOCUMENT_ORDER).toList();
        int furthestIndex = -1;
        for (int i = 0; i < sorted.size(); i++) {
            Entity entity = sorted.get(i);
            if (furthestIndex >= 0 && sorted.get(furthestIndex).end() > entity.start()) {
                Entity other = sorted.get(furthestIndex);
                notice(ReadNotice.Kind.OVERLAPPING_ENTITIES, location, "document " + id + " [" + other.start() + ", "
                        + other.end() + ") " + other.type() + " and [" + entity.start() + ", " + entity.end() + ") "
                        + entity.type());
            }
            if (furthestIndex < 0 || entity.end() > sorted.get(furthestIndex).end()) {
                furthestIndex = i;
            }
        }
        documents++;
        entities += sorted.size();
        return sorted;
    }

    public ReadReport report() {
        return new ReadReport(source, documents, entities, counts, examples, examplesOmitted);
    }
}
