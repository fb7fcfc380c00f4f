package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.Combiner;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How one entity type's labels are made: which teachers, merged by which rule, and (when chosen on a
 * gold dev set) the strict F1 that choice scored there.
 */
public record TypeCombination(EntityType type, List<String> teachers, Combiner combiner, OptionalDouble devF1) {

    public TypeCombination {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(devF1, "devF1");
        teachers = List.copyOf(teachers);
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("a combination for " + type + " needs at least one teacher");
        }
    }

    /** A description like {@code "2-of-n(gpt-4o, doid, rules)"}. */
    public String describe() {
        return combiner.name() + "(" + String.join(", ", teachers) + ")";
    }
}
