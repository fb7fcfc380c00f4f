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
 * Soft labels from the teachers' reliabilities: per entity type, which of the type's combined teachers labelled a
 * mention (its agreement pattern: DOID alone, DOID and the patterns, ...) and how much of the mentions with that
 * pattern lies inside gold mentions of the type on the development set (the share of their characters), smoothed
 * toward the type's share with {@link #PRIOR_MENTIONS} mentions. A combined training mention gets its pattern's
 * share as its confidence. The student learns words, so a mention one word too long is mostly right: the share, not
 * the strict precision, is the chance that one of its words is an entity word (on NCBI-disease dev, the patterns
 * teacher's mentions are strictly right 37% of the time; soft labels of that precision lowered the student's dev
 * F1 from 0.625 to 0.597). On BC5CDR dev, disease mentions of DOID are strictly right 94% of the time and those of
 * the patterns alone 67%: a hard union teaches both as certain. Immutable.
 */
final class MentionReliability {

    /** How many mentions of the type's overall share a pattern's own count is mixed with. */
    static final double PRIOR_MENTIONS = 5;

    /**
     * Mentions of one agreement pattern on the development set, and how much of them gold mentions of their type
     * cover (each mention counts the share of its characters covered, 0 to 1).
     */
    record PatternCount(int mentions, double covered) {
    }

    private final Map<EntityType, Map<Set<String>, PatternCount>> counts;
    private final Map<EntityType, Double> overall;

    private MentionReliability(Map<EntityType, Map<Set<String>, PatternCount>> counts) {
        this.counts = counts;
        this.overall = new TreeMap<>();
        counts.forEach((type, patterns) -> {
            int mentions = patterns.values().stream().mapToInt(PatternCount::mentions).sum();
            double covered = patterns.values().stream().mapToDouble(PatternCount::covered).sum();
            overall.put(type, mentions == 0 ? 1.0 : covered / mentions);
        });
    }

    /**
     * Counts, on the development set, each type's combined mentions by agreement pattern and how much of them gold
     * mentions of the same type cover.
     *
     * @param devTeacherLabels each teacher's development labels, keyed by teacher name
     * @param devGold the gold development labels
     */
    static MentionReliability estimate(CombinationPlan plan, Map<String, List<Annotation>> devTeacherLabels,
            List<Annotation> devGold) {
        Map<String, List<Entity>> gold = new HashMap<>();
        devGold.forEach(annotation -> gold.put(annotation.documentId(), annotation.entities()));
        Patterns patterns = new Patterns(plan, devTeacherLabels);
        Map<EntityType, Map<Set<String>, PatternCount>> counts = new TreeMap<>();
        plan.byType().keySet().forEach(type -> counts.put(type, new HashMap<>()));
        for (Annotation combined : plan.apply(devTeacherLabels, Distillation.COMBINATION)) {
            List<Entity> right = gold.getOrDefault(combined.documentId(), List.of());
            for (Entity entity : combined.entities()) {
                counts.get(entity.type()).merge(patterns.of(combined.documentId(), entity),
                        new PatternCount(1, coveredShare(entity, right)),
                        (a, b) -> new PatternCount(a.mentions() + b.mentions(), a.covered() + b.covered()));
            }
        }
        return new MentionReliability(counts);
    }

    /** The share of {@code mention}'s characters inside gold mentions of its type. */
    private static double coveredShare(Entity mention, List<Entity> gold) {
        boolean[] covered = new boolean[mention.length()];
        for (Entity entity : gold) {
            if (entity.type().equals(mention.type()) && entity.overlaps(mention)) {
                int from = Math.max(entity.start(), mention.start());
                int to = Math.min(entity.end(), mention.end());
                java.util.Arrays.fill(covered, from - mention.start(), to - mention.start(), true);
            }
        }
        int count = 0;
        for (boolean character : covered) {
            count += character ? 1 : 0;
        }
        return (double) count / covered.length;
    }

    /** The smoothed development share of a type's pattern; the type's share for a pattern never seen. */
    double confidence(EntityType type, Set<String> pattern) {
        double prior = overall.getOrDefault(type, 1.0);
        PatternCount count = counts.getOrDefault(type, Map.of()).getOrDefault(pattern, new PatternCount(0, 0));
        return (count.covered() + PRIOR_MENTIONS * prior) / (count.mentions() + PRIOR_MENTIONS);
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

    /**
     * One line per type and pattern: mentions, how many of them gold covers (in mentions' worth of characters) and the
     * confidence given; counts only, no text.
     */
    String describe() {
        StringBuilder text = new StringBuilder();
        counts.forEach((type, patterns) -> {
            text.append(String.format(Locale.ROOT, "%s: share inside gold mentions %.3f%n", type, overall.get(type)));
            Map<String, Set<String>> byName = new TreeMap<>();
            patterns.keySet().forEach(pattern -> byName.put(String.join("+", new TreeSet<>(pattern)), pattern));
            byName.forEach((name, pattern) -> text.append(String.format(Locale.ROOT,
                    "  %s: %d mentions, %.1f inside gold, confidence %.3f%n",
                    name.isEmpty() ? "(no teacher exactly)" : name, patterns.get(pattern).mentions(),
                    patterns.get(pattern).covered(), confidence(type, pattern))));
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
