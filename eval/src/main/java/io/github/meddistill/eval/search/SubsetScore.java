package io.github.meddistill.eval.search;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.Combiner;
import io.github.meddistill.eval.Score;
import java.util.List;

/**
 * One row of the subset search: a subset of teachers merged by a rule, scored on one entity type.
 *
 * @param type the entity type scored
 * @param teachers the teachers in the subset, in the order they were given to the search
 * @param rule the combination rule
 * @param score the counts against gold on the dev documents
 */
public record SubsetScore(EntityType type, List<String> teachers, Combiner rule, Score score) {

    public SubsetScore {
        teachers = List.copyOf(teachers);
    }

    /** A description like {@code "2-of-n(gpt-4o, doid, rules)"}. */
    public String describe() {
        return rule.name() + "(" + String.join(", ", teachers) + ")";
    }
}
