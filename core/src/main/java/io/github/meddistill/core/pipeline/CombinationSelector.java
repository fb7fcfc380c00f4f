package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.Combiner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Decides how teachers are combined, per entity type. {@link #fixed(Combiner)} applies one rule to all
 * teachers; {@code meddistill-eval}'s subset search scores every subset and rule on a gold dev set and
 * keeps the best per type (the method's "best teacher").
 */
@FunctionalInterface
public interface CombinationSelector {

    /**
     * Chooses a combination for each of {@code types}.
     *
     * @param teacherDevAnnotations each teacher's labels on the dev documents, keyed by teacher name (teacher order kept)
     * @param goldDev human labels of the same dev documents; empty when no dev set was given
     * @param types the entity types to cover
     */
    CombinationPlan select(Map<String, List<Annotation>> teacherDevAnnotations, List<Annotation> goldDev,
                           Set<EntityType> types);

    /** Every teacher, every type, merged by {@code combiner}; needs no dev set. */
    static CombinationSelector fixed(Combiner combiner) {
        Objects.requireNonNull(combiner, "combiner");
        return (teacherDevAnnotations, goldDev, types) -> {
            List<String> teachers = List.copyOf(teacherDevAnnotations.keySet());
            Map<EntityType, TypeCombination> byType = new LinkedHashMap<>();
            for (EntityType type : types) {
                byType.put(type, new TypeCombination(type, teachers, combiner, OptionalDouble.empty()));
            }
            return new CombinationPlan(byType);
        };
    }
}
