package io.github.meddistill.examples.annotation;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks notes for annotation: those where the teachers disagree most, stratified so that rare types appear.
 *
 * <p>A note's disagreement is the number of distinct spans (start, end, type) that some but not every teacher of that
 * type labelled; a teacher is "of a type" when it labelled that type in some note. First, for each type in order of
 * rarity (fewest notes with a teacher mention of it), the {@code max(1, n / (2 x types))} notes with that type and the
 * most disagreement are taken; the rest of the {@code n} by disagreement alone. Ties fall in an order shuffled by
 * {@code seed}, so a seed gives the same sample every time.
 */
public final class AnnotationSample {

    private AnnotationSample() {
    }

    /**
     * One picked note.
     *
     * @param document the note
     * @param disagreement spans some but not every teacher of their type labelled
     * @param types the types some teacher labelled in it
     * @param labels each teacher's mentions in it, by teacher name, in teacher order
     * @param reason {@code "rare type X"} or {@code "disagreement"}
     */
    public record Pick(Document document, int disagreement, Set<EntityType> types, Map<String, List<Entity>> labels,
                       String reason) {
        public Pick {
            Objects.requireNonNull(document, "document");
            types = Set.copyOf(types);
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /**
     * Picks {@code n} notes (all when there are fewer).
     *
     * @param labels each teacher's annotations of the same notes, in the same order, by teacher name
     * @param types the types that count
     */
    public static List<Pick> pick(Map<String, List<Annotation>> labels, Set<EntityType> types, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: n=" + n);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no teacher labels to sample from");
        }
        int size = labels.values().iterator().next().size();
        labels.forEach((teacher, list) -> {
            if (list.size() != size) {
                throw new IllegalArgumentException("teacher " + teacher + " labelled " + list.size() + " notes, expected "
                        + size);
            }
        });
        Map<EntityType, Set<String>> teachersOf = new TreeMap<>();
        labels.forEach((teacher, list) -> list.forEach(a -> a.entities().stream().map(Entity::type).filter(types::contains)
                .forEach(type -> teachersOf.computeIfAbsent(type, t -> new HashSet<>()).add(teacher))));
        List<Pick> candidates = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, List<Entity>> byTeacher = new LinkedHashMap<>();
            Map<Entity, Set<String>> votes = new LinkedHashMap<>();
            for (Map.Entry<String, List<Annotation>> teacher : labels.entrySet()) {
                List<Entity> entities = teacher.getValue().get(i).entities().stream()
                        .filter(e -> types.contains(e.type())).distinct().toList();
                byTeacher.put(teacher.getKey(), entities);
                entities.forEach(e -> votes.computeIfAbsent(e, k -> new HashSet<>()).add(teacher.getKey()));
            }
            int disagreement = (int) votes.entrySet().stream()
                    .filter(v -> v.getValue().size() < teachersOf.get(v.getKey().type()).size()).count();
            Set<EntityType> present = new LinkedHashSet<>();
            votes.keySet().forEach(e -> present.add(e.type()));
            Document document = labels.values().iterator().next().get(i).document();
            candidates.add(new Pick(document, disagreement, present, byTeacher, "disagreement"));
        }
        Collections.shuffle(candidates, new Random(seed));
        candidates.sort(Comparator.comparingInt(Pick::disagreement).reversed()); // stable: ties keep the seeded order
        List<EntityType> byRarity = new ArrayList<>(types);
        byRarity.sort(Comparator.comparingLong((EntityType type) -> candidates.stream()
                .filter(p -> p.types().contains(type)).count()).thenComparing(EntityType::name));
        int quota = Math.max(1, n / (2 * Math.max(1, types.size())));
        List<Pick> picked = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (EntityType type : byRarity) {
            candidates.stream().filter(p -> p.types().contains(type) && !taken.contains(p.document().id()))
                    .limit(Math.min(quota, n - picked.size())).forEach(p -> {
                        taken.add(p.document().id());
                        picked.add(new Pick(p.document(), p.disagreement(), p.types(), p.labels(), "rare type " + type));
                    });
        }
        candidates.stream().filter(p -> !taken.contains(p.document().id())).limit(Math.max(0, n - picked.size()))
                .forEach(picked::add);
        return List.copyOf(picked);
    }
}
