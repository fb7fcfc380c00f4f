package io.github.meddistill.eval.search;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.CombinationRules;
import io.github.meddistill.core.combine.Combiner;
import io.github.meddistill.core.combine.CorpusCombination;
import io.github.meddistill.core.combine.VoteCombiner;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.eval.internal.DocumentAlignment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Scores every non-empty subset of teachers under every combination rule, per entity type, against
 * gold labels of a dev set, and ranks them (the method's "best teacher" selection).
 *
 * <p>Each entity type is searched on its own: a subset's annotations are restricted to the type,
 * combined by the rule, and scored on that type, exactly as {@code CombinationPlan} later applies a
 * choice. The rules for a subset of size n come from {@link Builder#rules(IntFunction)}, by default
 * {@link CombinationRules#standard(int)} (union, k-of-n for 1 &lt; k &lt; n, intersection).
 *
 * <p>Vote rules ({@link VoteCombiner}) are scored on integer-encoded spans without creating
 * annotations, so 10 teachers (1,023 subsets, 5,120 subset-rule pairs) take well under a second per
 * type on a 100-abstract dev set; other {@link Combiner}s are applied through
 * {@link CorpusCombination}, which is slower. Immutable and thread-safe.
 *
 * <pre>{@code
 * SubsetSearchResult result = TeacherSubsetSearch.builder().build().search(teacherDevLabels, goldDev);
 * SubsetScore best = result.best(EntityType.DISEASE);
 * }</pre>
 */
public final class TeacherSubsetSearch {

    /** The largest number of teachers searched (2^20 - 1 subsets). */
    public static final int MAX_TEACHERS = 20;

    private final IntFunction<? extends List<? extends Combiner>> rules;
    private final MatchMode mode;

    private TeacherSubsetSearch(Builder builder) {
        this.rules = builder.rules;
        this.mode = builder.mode;
    }

    /** Standard rules, strict matching unless set otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Searches every entity type that occurs in gold or in any teacher's labels. */
    public SubsetSearchResult search(Map<String, List<Annotation>> teachers, List<Annotation> gold) {
        SortedSet<EntityType> types = new TreeSet<>();
        gold.forEach(a -> a.entities().forEach(e -> types.add(e.type())));
        teachers.values().forEach(list -> list.forEach(a -> a.entities().forEach(e -> types.add(e.type()))));
        return search(teachers, gold, types);
    }

    /**
     * Searches the given entity types.
     *
     * @param teachers each teacher's annotations of the dev documents, keyed by name; the map's
     *     iteration order is the teacher order (use a {@link LinkedHashMap})
     * @param gold gold annotations of the same documents
     * @throws IllegalArgumentException if there are no teachers or more than {@value #MAX_TEACHERS},
     *     no documents, or a teacher misses a gold document (named)
     */
    public SubsetSearchResult search(Map<String, List<Annotation>> teachers, List<Annotation> gold,
                                     Collection<EntityType> types) {
        Objects.requireNonNull(teachers, "teachers");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(types, "types");
        long started = System.nanoTime();
        int k = teachers.size();
        if (k == 0 || k > MAX_TEACHERS) {
            throw new IllegalArgumentException("the subset search needs 1 to " + MAX_TEACHERS + " teachers: teachers=" + k);
        }
        List<String> names = List.copyOf(teachers.keySet());
        List<List<Annotation>> aligned = new ArrayList<>(k);
        List<Annotation> goldAligned = null;
        for (String name : names) {
            DocumentAlignment alignment = DocumentAlignment.align(gold, teachers.get(name), name);
            aligned.add(alignment.predicted());
            goldAligned = alignment.gold();
        }
        if (goldAligned.isEmpty()) {
            throw new IllegalArgumentException("nothing to search: the dev set has no documents");
        }
        List<List<? extends Combiner>> rulesBySize = new ArrayList<>();
        rulesBySize.add(List.of());
        for (int size = 1; size <= k; size++) {
            List<? extends Combiner> forSize = Objects.requireNonNull(rules.apply(size), "rules for " + size + " teachers");
            rulesBySize.add(List.copyOf(forSize));
        }

        Map<EntityType, List<SubsetScore>> ranked = new LinkedHashMap<>();
        for (EntityType type : new TreeSet<>(types)) {
            ranked.put(type, searchType(type, names, aligned, goldAligned, rulesBySize));
        }
        return new SubsetSearchResult(names, mode, ranked, Duration.ofNanos(System.nanoTime() - started));
    }

    private List<SubsetScore> searchType(EntityType type, List<String> names, List<List<Annotation>> teachers,
                                         List<Annotation> gold, List<List<? extends Combiner>> rulesBySize) {
        EncodedType encoded = new EncodedType(type, teachers, gold);
        VoteRuleScorer scorer = new VoteRuleScorer(encoded, mode);
        int k = names.size();
        List<Row> rows = new ArrayList<>();
        double[] weights = new double[k];
        for (long subset = 1; subset < (1L << k); subset++) {
            int size = Long.bitCount(subset);
            List<? extends Combiner> forSize = rulesBySize.get(size);
            for (int r = 0; r < forSize.size(); r++) {
                Combiner rule = forSize.get(r);
                Score score;
                if (rule instanceof VoteCombiner vote) {
                    boolean unit = true;
                    for (int t = 0; t < k; t++) {
                        if ((subset & (1L << t)) != 0) {
                            weights[t] = vote.weight(names.get(t));
                            unit &= weights[t] == 1.0;
                        }
                    }
                    score = scorer.score(subset, vote, weights, unit);
                } else {
                    score = scoreByCombining(type, subset, rule, teachers, gold);
                }
                rows.add(new Row(subset, size, r, rule, score));
            }
        }
        rows.sort(Comparator.comparingDouble((Row row) -> -row.score.f1())
                .thenComparingLong(row -> -row.score.tp())
                .thenComparingInt(row -> row.size)
                .thenComparingInt(row -> row.ruleIndex)
                .thenComparing(Row::subset, TeacherSubsetSearch::teacherOrder));
        List<SubsetScore> scores = new ArrayList<>(rows.size());
        for (Row row : rows) {
            scores.add(new SubsetScore(type, members(row.subset, names), row.rule, row.score));
        }
        return List.copyOf(scores);
    }

    private Score scoreByCombining(EntityType type, long subset, Combiner rule, List<List<Annotation>> teachers,
                                   List<Annotation> gold) {
        List<List<Annotation>> members = new ArrayList<>();
        for (int t = 0; t < teachers.size(); t++) {
            if ((subset & (1L << t)) != 0) {
                members.add(teachers.get(t).stream().map(a -> a.onlyType(type)).toList());
            }
        }
        List<Annotation> combined = CorpusCombination.combine(members, rule, "subset");
        return SpanEvaluator.score("subset", gold, combined, List.of(type)).score(mode, type);
    }

    /** Orders subsets of equal size by the first teacher in which they differ: the one that has it comes first. */
    private static int teacherOrder(long a, long b) {
        long differing = a ^ b;
        if (differing == 0) {
            return 0;
        }
        return (a & differing & -differing) != 0 ? -1 : 1;
    }

    private static List<String> members(long subset, List<String> names) {
        List<String> members = new ArrayList<>(Long.bitCount(subset));
        for (int t = 0; t < names.size(); t++) {
            if ((subset & (1L << t)) != 0) {
                members.add(names.get(t));
            }
        }
        return members;
    }

    private record Row(long subset, int size, int ruleIndex, Combiner rule, Score score) {
    }

    /** Builds a {@link TeacherSubsetSearch}; not thread-safe. */
    public static final class Builder {

        private IntFunction<? extends List<? extends Combiner>> rules = CombinationRules::standard;
        private MatchMode mode = MatchMode.STRICT;

        private Builder() {
        }

        /** The rules tried for a subset of n teachers (default {@link CombinationRules#standard(int)}). */
        public Builder rules(IntFunction<? extends List<? extends Combiner>> rules) {
            this.rules = rules;
            return this;
        }

        /** How combined spans are matched against gold (default {@link MatchMode#STRICT}). */
        public Builder mode(MatchMode mode) {
            this.mode = mode;
            return this;
        }

        /** @throws NullPointerException naming the missing field */
        public TeacherSubsetSearch build() {
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(mode, "mode");
            return new TeacherSubsetSearch(this);
        }
    }
}
