package io.github.meddistill.eval.search;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.pipeline.CombinationPlan;
import io.github.meddistill.core.pipeline.CombinationSelector;
import io.github.meddistill.core.pipeline.TypeCombination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The method's "best teacher": for each entity type, scores every non-empty subset of teachers under
 * every standard rule on the gold dev set and keeps the best ({@link TeacherSubsetSearch}). Plug it into
 * {@code Distillation.builder().combination(new SubsetSearchSelector())}. Immutable and thread-safe.
 */
public final class SubsetSearchSelector implements CombinationSelector {

    private final TeacherSubsetSearch search;

    /** Standard rules, strict span F1. */
    public SubsetSearchSelector() {
        this(TeacherSubsetSearch.builder().build());
    }

    public SubsetSearchSelector(TeacherSubsetSearch search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    /**
     * @throws IllegalArgumentException if no gold dev set was given (the search needs one)
     */
    @Override
    public CombinationPlan select(Map<String, List<Annotation>> teacherDevAnnotations, List<Annotation> goldDev,
                                  Set<EntityType> types) {
        if (goldDev.isEmpty()) {
            throw new IllegalArgumentException("the teacher-subset search needs gold dev labels: call development(...)"
                    + " on the distillation builder, or use CombinationSelector.fixed(...)");
        }
        SubsetSearchResult result = search.search(new LinkedHashMap<>(teacherDevAnnotations), goldDev, types);
        Map<EntityType, TypeCombination> byType = new LinkedHashMap<>();
        for (EntityType type : types) {
            SubsetScore best = result.best(type);
            byType.put(type, new TypeCombination(type, best.teachers(), best.rule(), OptionalDouble.of(best.score().f1())));
        }
        return new CombinationPlan(byType);
    }
}
