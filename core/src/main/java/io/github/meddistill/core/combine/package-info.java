/**
 * Combining the annotations of several sources (teachers) into one: {@link io.github.meddistill.core.combine.Combiner}
 * and its vote rules (union, intersection, k-of-n majority, weighted vote), the
 * {@link io.github.meddistill.core.combine.OverlapPolicy} for overlapping and nested spans after the vote,
 * {@link io.github.meddistill.core.combine.CorpusCombination} for whole corpora, and
 * {@link io.github.meddistill.core.combine.CombinationRules} for the rule set a subset search tries.
 *
 * <pre>{@code
 * Combiner rule = new MajorityVoteCombiner(2, SpanMatching.LENIENT, OverlapPolicy.LONGEST_WINS);
 * List<Annotation> teacher = CorpusCombination.combine(List.of(gpt, gemini, doid), rule, "teacher");
 * }</pre>
 */
package io.github.meddistill.core.combine;
