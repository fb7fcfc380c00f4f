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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The method's "best teacher" choice for the distillation pipeline: runs a {@link TeacherSubsetSearch}
 * on the gold dev set and keeps, per entity type, the best subset and rule, with its dev F1.
 * Logs the choice (teacher names and scores only, no note text) at INFO. Immutable and thread-safe.
 */
public final class SubsetSearchSelector implements CombinationSelector {

    private static final Logger LOG = LoggerFactory.getLogger(SubsetSearchSelector.class);

    private final TeacherSubsetSearch search;

    /** The standard rules, strict matching. */
    public SubsetSearchSelector() {
        this(TeacherSubsetSearch.builder().build());
    }

    public SubsetSearchSelector(TeacherSubsetSearch search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    /**
     * @throws IllegalArgumentException if {@code goldDev} is empty (the search needs gold labels) or the
     *     teachers do not cover the dev documents
     */
    @Override
    public CombinationPlan select(Map<String, List<Annotation>> teacherDevAnnotations, List<Annotation> goldDev,
                                  Set<EntityType> types) {
        Objects.requireNonNull(goldDev, "goldDev");
        if (goldDev.isEmpty()) {
            throw new IllegalArgumentException("the teacher-subset search needs gold-labelled dev documents; give a"
                    + " development set, or choose a fixed rule with CombinationSelector.fixed(...)");
        }
        SubsetSearchResult result = search.search(teacherDevAnnotations, goldDev, types);
        Map<EntityType, TypeCombination> byType = new LinkedHashMap<>();
        for (EntityType type : types) {
            SubsetScore best = result.best(type);
            LOG.info("best combination for {}: {} (dev F1 {}, {} combinations in {} ms)", type, best.describe(),
                    String.format(java.util.Locale.ROOT, "%.3f", best.score().f1()), result.ranked(type).size(),
                    result.elapsed().toMillis());
            byType.put(type, new TypeCombination(type, best.teachers(), best.rule(), OptionalDouble.of(best.score().f1())));
        }
        return new CombinationPlan(byType);
    }
}
