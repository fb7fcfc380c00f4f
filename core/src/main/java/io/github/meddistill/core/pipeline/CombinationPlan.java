package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.CorpusCombination;
import io.github.meddistill.core.combine.OverlapPolicy;
import io.github.meddistill.core.combine.SpanMatching;
import io.github.meddistill.core.combine.UnionCombiner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The chosen way to turn several teachers' labels into one training label set: a
 * {@link TypeCombination} per entity type. Types are combined separately, then merged; where spans
 * of different types overlap, the longer one wins.
 */
public record CombinationPlan(Map<EntityType, TypeCombination> byType) {

    public CombinationPlan {
        byType = Map.copyOf(new TreeMap<>(Objects.requireNonNull(byType, "byType")));
        if (byType.isEmpty()) {
            throw new IllegalArgumentException("a combination plan needs at least one entity type");
        }
        byType.forEach((type, choice) -> {
            if (!choice.type().equals(type)) {
                throw new IllegalArgumentException("combination for " + choice.type() + " filed under " + type);
            }
        });
    }

    /**
     * Combines the teachers' annotations of the same documents.
     *
     * @param teacherAnnotations each teacher's annotations, keyed by teacher name
     * @param source the source name of the result
     * @return one annotation per document, in the order of the first listed teacher's annotations
     * @throws IllegalArgumentException if a teacher the plan names is missing, or teachers disagree on the documents
     */
    public List<Annotation> apply(Map<String, List<Annotation>> teacherAnnotations, String source) {
        List<List<Annotation>> perType = new ArrayList<>();
        for (TypeCombination choice : new TreeMap<>(byType).values()) {
            List<List<Annotation>> perTeacher = new ArrayList<>();
            for (String teacher : choice.teachers()) {
                List<Annotation> annotations = teacherAnnotations.get(teacher);
                if (annotations == null) {
                    throw new IllegalArgumentException("the combination for " + choice.type() + " uses teacher '" + teacher
                            + "', but only these teachers labelled: " + teacherAnnotations.keySet());
                }
                perTeacher.add(annotations.stream().map(a -> a.onlyType(choice.type())).toList());
            }
            perType.add(CorpusCombination.combine(perTeacher, choice.combiner(), source + ":" + choice.type().name()));
        }
        return CorpusCombination.combine(perType, new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS), source);
    }

    /** One line per type, e.g. {@code DISEASE: union(doid, rules) dev F1 0.712}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(byType).values().forEach(choice -> {
            text.append(choice.type()).append(": ").append(choice.describe());
            choice.devF1().ifPresent(f1 -> text.append(String.format(java.util.Locale.ROOT, " (dev F1 %.3f)", f1)));
            text.append('\n');
        });
        return text.toString();
    }
}
