package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.text.NonOverlapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unknown phrases (Shang et al., AutoNER, EMNLP 2018): the mentions some teacher labelled but the chosen combination
 * left out (a teacher the combination does not use, a vote the mention lost) are neither entity nor outside in
 * training. They join the training labels with confidence 0, so a trainer that weighs mentions learns nothing from
 * their words, instead of the hard combination teaching every entity-like phrase it missed as outside. A candidate
 * that overlaps a combined mention (of any type) or a longer candidate is not added.
 */
final class UnknownMentions {

    /** The training labels with the unknown mentions added, their confidences, and how many were added. */
    record Added(List<Annotation> labels, MentionConfidences confidences, int added) {
    }

    private UnknownMentions() {
    }

    /**
     * @param teacherLabels every teacher's labels of the training notes, keyed by teacher name
     * @param combined the combination's labels of the same notes
     * @param confidences the combined mentions' confidences (kept), or {@link MentionConfidences#NONE}
     */
    static Added add(Map<String, List<Annotation>> teacherLabels, List<Annotation> combined,
            MentionConfidences confidences) {
        Map<String, List<Entity>> candidates = new HashMap<>();
        teacherLabels.values().forEach(annotations -> annotations.forEach(annotation -> candidates
                .computeIfAbsent(annotation.documentId(), id -> new ArrayList<>()).addAll(annotation.entities())));
        Map<String, Map<Entity, Double>> byDocument = new HashMap<>(confidences.byDocument());
        List<Annotation> labels = new ArrayList<>(combined.size());
        int added = 0;
        for (Annotation annotation : combined) {
            List<Entity> unknown = new ArrayList<>(candidates.getOrDefault(annotation.documentId(), List.of()));
            // longest first, so a phrase and a word inside it give the phrase; then document order, for determinism
            unknown.sort(Comparator.comparingInt(Entity::length).reversed().thenComparing(Entity.DOCUMENT_ORDER));
            // the combined mentions rank first: they overlap none of each other (the plan's merge), so all are kept
            List<Entity> ranked = new ArrayList<>(annotation.entities());
            ranked.addAll(unknown);
            List<Entity> kept = NonOverlapping.keep(ranked, Entity::start, Entity::end);
            Set<Entity> combinedMentions = Set.copyOf(annotation.entities());
            Map<Entity, Double> weights = new HashMap<>(byDocument.getOrDefault(annotation.documentId(), Map.of()));
            for (Entity entity : kept) {
                if (!combinedMentions.contains(entity)) {
                    weights.put(entity, 0.0);
                    added++;
                }
            }
            byDocument.put(annotation.documentId(), weights);
            labels.add(new Annotation(annotation.document(), kept, annotation.source()));
        }
        return new Added(List.copyOf(labels), new MentionConfidences(byDocument), added);
    }
}
