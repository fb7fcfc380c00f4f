package io.github.meddistill.core.combine;

import io.github.meddistill.core.Annotation;
import java.util.List;

/**
 * Merges the annotations several sources (teachers) made of ONE document into one annotation.
 *
 * <p>Implementations must be deterministic: the same inputs, in the same order, give the same
 * output (an {@link Annotation} always keeps its entities in document order). The built-in
 * implementations are the {@link VoteCombiner}s; {@link CombinationRules#standard(int)} lists the
 * ones a teacher-subset search tries, and {@link CorpusCombination} applies a combiner to whole
 * corpora matched by document id.
 *
 * <pre>{@code
 * Combiner majority = new MajorityVoteCombiner(2);
 * Annotation merged = majority.combine(List.of(gpt, gemini, doid), "teacher");
 * }</pre>
 */
@FunctionalInterface
public interface Combiner {

    /**
     * The combination of {@code annotations}, attributed to {@code source}.
     *
     * @param annotations one annotation per source, all of the same document, at least one
     * @param source the source name of the result (e.g. {@code "teacher"})
     * @throws IllegalArgumentException if the list is empty, mixes documents or repeats a source
     */
    Annotation combine(List<Annotation> annotations, String source);

    /**
     * A short stable name for reports and subset-search tables (e.g. {@code "union"},
     * {@code "2-of-n"}); {@code "custom"} unless an implementation says better.
     */
    default String name() {
        return "custom";
    }
}
