package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Probabilistic labels from the teachers' reliabilities: per entity type, which of the type's combined teachers
 * labelled a mention (its agreement pattern: DOID alone, DOID and the patterns, ...) and how often mentions with
 * that pattern are strictly right on the gold development set, smoothed toward the type's precision with
 * {@link #PRIOR_MENTIONS} mentions. A combined training mention gets its pattern's precision as its confidence. On
 * BC5CDR dev, disease mentions of DOID are right 94% of the time and those of the patterns alone 67%; on
 * NCBI-disease dev 76% and 37%: a hard union teaches all of them as certain. Mean dev F1 of the main job's students
 * over its three corpora: 0.544 without confidences, 0.545 with these as loss weights (the student trainer's way);
 * as soft targets (1 - c on outside) 0.497, and with the share of a pattern's characters inside gold mentions
 * instead of strict precision 0.519. Immutable.
 */
final class MentionReliability {

    /** How many mentions of the type's overall precision a pattern's own count is mixed with. */
    static final double PRIOR_MENTIONS = 5;

    /** Mentions and gold hits of one agreement pattern on the development set. */
    record PatternCount(int mentions, int correct) {
    }

    private final Map<EntityType, Map<Set<String>, PatternCount>> counts;
    private final Map<EntityType, Double> overall;

    private MentionReliability(Map<EntityType, Map<Set<String>, PatternCount>> counts) {
        this.counts = counts;
        this.overall = new TreeMap<>();
        counts.forEach((type, patterns) -> {
            int mentions = patterns.values().stream().mapToInt(PatternCount::mentions).sum();
            int correct = patterns.values().stream().mapToInt(PatternCount::correct).sum();
            overall.put(type, mentions == 0 ? 1.0 : (double) correct / mentions);
        });
    }

    /**
     * Counts, on the development set, each type's combined mentions by agreement pattern and how many of them are
     * gold.
     *
     * @param devTeacherLabels each teacher's development labels, keyed by teacher name
     * @param devGold the gold development labels
     */
    static MentionReliability estimate(CombinationPlan plan, Map<String, List<Annotation>> devTeacherLabels,
            List<Annotation> devGold) {
        Map<String, Set<Entity>> gold = new HashMap<>();
        devGold.forEach(annotation -> gold.put(annotation.documentId(), Set.copyOf(annotation.entities())));
        Patterns patterns = new Patterns(plan, devTeacherLabels);
        Map<EntityType, Map<Set<String>, PatternCount>> counts = new TreeMap<>();
        plan.byType().keySet().forEach(type -> counts.put(type, new HashMap<>()));
        for (Annotation combined : plan.apply(devTeacherLabels, Distillation.COMBINATION)) {
            Set<Entity> right = gold.getOrDefault(combined.documentId(), Set.of());
            for (Entity entity : combined.entities()) {
                counts.get(entity.type()).merge(patterns.of(combined.documentId(), entity),
                        new PatternCount(1, right.contains(entity) ? 1 : 0),
                        (a, b) -> new PatternCount(a.mentions() + b.mentions(), a.correct() + b.correct()));
            }
        }
        return new MentionReliability(counts);
    }

    /** The smoothed development precision of a type's pattern; the type's precision for a pattern never seen. */
    double confidence(EntityType type, Set<String> pattern) {
        double prior = overall.getOrDefault(type, 1.0);
        PatternCount count = counts.getOrDefault(type, Map.of()).getOrDefault(pattern, new PatternCount(0, 0));
        return (count.correct() + PRIOR_MENTIONS * prior) / (count.mentions() + PRIOR_MENTIONS);
    }

    /**
     * The confidence of every mention of {@code combined} (the plan applied to {@code teacherLabels}), by its
     * agreement pattern among the teachers' labels of the same notes.
     */
    MentionConfidences confidences(CombinationPlan plan, Map<String, List<Annotation>> teacherLabels,
            List<Annotation> combined) {
        Patterns patterns = new Patterns(plan, teacherLabels);
        Map<String, Map<Entity, Double>> byDocument = new HashMap<>();
        for (Annotation annotation : combined) {
            Map<Entity, Double> mentions = new HashMap<>();
            for (Entity entity : annotation.entities()) {
                mentions.put(entity, confidence(entity.type(), patterns.of(annotation.documentId(), entity)));
            }
            byDocument.put(annotation.documentId(), mentions);
        }
        return new MentionConfidences(byDocument);
    }

    /** One line per type and pattern: mentions, correct ones and the confidence given (counts only, no text). */
    String describe() {
        StringBuilder text = new StringBuilder();
        counts.forEach((type, patterns) -> {
            text.append(String.format(Locale.ROOT, "%s: dev precision %.3f%n", type, overall.get(type)));
            Map<String, Set<String>> byName = new TreeMap<>();
            patterns.keySet().forEach(pattern -> byName.put(String.join("+", new TreeSet<>(pattern)), pattern));
            byName.forEach((name, pattern) -> text.append(String.format(Locale.ROOT,
                    "  %s: %d mentions, %d right, confidence %.3f%n", name.isEmpty() ? "(no teacher exactly)" : name,
                    patterns.get(pattern).mentions(), patterns.get(pattern).correct(), confidence(type, pattern))));
        });
        return text.toString();
    }

    /** Which of a type's combined teachers labelled exactly a given mention, per note. */
    private static final class Patterns {

        private final Map<EntityType, List<String>> teachersByType = new HashMap<>();
        private final Map<String, Map<String, Set<Entity>>> labelsByTeacher = new HashMap<>();

        Patterns(CombinationPlan plan, Map<String, List<Annotation>> teacherLabels) {
            plan.byType().forEach((type, choice) -> {
                teachersByType.put(type, choice.teachers());
                for (String teacher : choice.teachers()) {
                    Map<String, Set<Entity>> byDocument = labelsByTeacher.computeIfAbsent(teacher,
                            k -> new HashMap<>());
                    if (byDocument.isEmpty()) {
                        teacherLabels.getOrDefault(teacher, List.of()).forEach(annotation ->
                                byDocument.put(annotation.documentId(), Set.copyOf(annotation.entities())));
                    }
                }
            });
        }

        Set<String> of(String documentId, Entity entity) {
            Set<String> found = new HashSet<>();
            for (String teacher : teachersByType.getOrDefault(entity.type(), List.of())) {
                if (labelsByTeacher.get(teacher).getOrDefault(documentId, Set.of()).contains(entity)) {
                    found.add(teacher);
                }
            }
            return Set.copyOf(found);
        }
    }
}
