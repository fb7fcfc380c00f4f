package io.github.meddistill.eval.search;

import static io.github.meddistill.core.EntityType.DISEASE;
import static io.github.meddistill.core.EntityType.MEDICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.CombinationRules;
import io.github.meddistill.core.combine.Combiner;
import io.github.meddistill.core.combine.OverlapPolicy;
import io.github.meddistill.core.combine.SpanMatching;
import io.github.meddistill.core.combine.WeightedVoteCombiner;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.Score;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TeacherSubsetSearchTest {

    private static final String TEXT = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9";

    private static Entity word(int i, EntityType type) {
        return Entity.of(TEXT, 3 * i, 3 * i + 2, type);
    }

    /**
     * Ten documents, each with gold diseases at words 0..3. Teacher "precise" finds words 0 and 1;
     * "noisy" finds words 0..3 and the wrong words 7 and 8; "echo" finds words 2, 3 and the wrong word 7.
     * Best: union(precise, echo) keeps words 0..3 and 7 (F1 = 8/9); 2-of-n over all three keeps the same
     * words but uses one teacher more, so it ranks second.
     */
    private static Map<String, List<Annotation>> threeTeachers(List<Annotation> gold) {
        Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
        teachers.put("precise", new ArrayList<>());
        teachers.put("noisy", new ArrayList<>());
        teachers.put("echo", new ArrayList<>());
        for (int d = 0; d < 10; d++) {
            Document document = new Document("d" + d, TEXT);
            gold.add(new Annotation(document, List.of(word(0, DISEASE), word(1, DISEASE), word(2, DISEASE), word(3, DISEASE)), "gold"));
            teachers.get("precise").add(new Annotation(document, List.of(word(0, DISEASE), word(1, DISEASE)), "precise"));
            teachers.get("noisy").add(new Annotation(document, List.of(word(0, DISEASE), word(1, DISEASE), word(2, DISEASE),
                    word(3, DISEASE), word(7, DISEASE), word(8, DISEASE)), "noisy"));
            teachers.get("echo").add(new Annotation(document, List.of(word(2, DISEASE), word(3, DISEASE), word(7, DISEASE)), "echo"));
        }
        return teachers;
    }

    @Test
    void should_find_the_known_best_subset_when_three_teachers_are_searched() {
        List<Annotation> gold = new ArrayList<>();
        Map<String, List<Annotation>> teachers = threeTeachers(gold);

        SubsetSearchResult result = TeacherSubsetSearch.builder().build().search(teachers, gold);

        // union(precise, echo): words 0,1,2,3,7 -> tp 40, fp 10, fn 0 -> F1 = 80/90
        SubsetScore best = result.best(DISEASE);
        assertThat(best.describe()).isEqualTo("union(precise, echo)");
        assertThat(best.score()).isEqualTo(new Score(40, 10, 0));
        // 7 subsets: 3 singletons (union only), 3 pairs (union, intersection), 1 triple (union, 2-of-n, intersection)
        assertThat(result.ranked(DISEASE)).hasSize(3 + 6 + 3);
        assertThat(result.ranked(DISEASE).get(1).describe()).isEqualTo("2-of-n(precise, noisy, echo)");
        assertThat(result.ranked(DISEASE).get(1).score()).isEqualTo(new Score(40, 10, 0));
        SubsetScore intersectionOfAll = result.ranked(DISEASE).stream()
                .filter(row -> row.describe().equals("intersection(precise, noisy, echo)")).findFirst().orElseThrow();
        assertThat(intersectionOfAll.score()).isEqualTo(new Score(0, 0, 40));
        assertThat(result.types()).containsExactly(DISEASE);
        assertThat(result.combinationsScored()).isEqualTo(12);
        assertThat(result.toMarkdown(2)).contains("### DISEASE (12 subset-rule pairs, strict matching)")
                .contains("| 1 | union(precise, echo) | 0.800 | 1.000 | 0.889 | 40 | 10 | 0 |")
                .contains("| 2 | 2-of-n(precise, noisy, echo) |")
                .doesNotContain("| 3 |");
    }

    @Test
    void should_score_exactly_like_the_core_combiners_for_every_policy_and_matching() {
        Random random = new Random(99);
        List<Annotation> gold = new ArrayList<>();
        Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
        for (int t = 0; t < 4; t++) {
            teachers.put("t" + t, new ArrayList<>());
        }
        String text = "x".repeat(80);
        for (int d = 0; d < 12; d++) {
            Document document = new Document("d" + d, text);
            gold.add(new Annotation(document, randomSpans(random, text), "gold"));
            for (Map.Entry<String, List<Annotation>> teacher : teachers.entrySet()) {
                teacher.getValue().add(new Annotation(document, randomSpans(random, text), teacher.getKey()));
            }
        }
        Map<String, Double> weights = Map.of("t0", 1.5, "t1", 0.5, "t2", 1.0, "t3", 0.25);
        for (SpanMatching matching : SpanMatching.values()) {
            for (OverlapPolicy policy : OverlapPolicy.values()) {
                for (MatchMode mode : MatchMode.values()) {
                    java.util.function.IntFunction<List<Combiner>> rules = n -> Stream.concat(
                            CombinationRules.standard(n, matching, policy).stream(),
                            Stream.of(new WeightedVoteCombiner(weights, 1.5, matching, policy))).map(c -> (Combiner) c).toList();
                    SubsetSearchResult fast = TeacherSubsetSearch.builder().rules(rules).mode(mode).build()
                            .search(teachers, gold);
                    SubsetSearchResult slow = TeacherSubsetSearch.builder()
                            .rules(n -> rules.apply(n).stream().map(TeacherSubsetSearchTest::opaque).toList())
                            .mode(mode).build().search(teachers, gold);

                    for (EntityType type : List.of(DISEASE, MEDICATION)) {
                        assertThat(byDescription(fast.ranked(type)))
                                .as("%s %s %s %s", matching, policy, mode, type)
                                .isEqualTo(byDescription(slow.ranked(type)));
                    }
                }
            }
        }
    }

    @Test
    void should_search_ten_teachers_with_every_standard_rule() {
        Random random = new Random(5);
        List<Annotation> gold = new ArrayList<>();
        Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
        for (int t = 0; t < 10; t++) {
            teachers.put("t" + t, new ArrayList<>());
        }
        String text = "x".repeat(80);
        for (int d = 0; d < 20; d++) {
            Document document = new Document("d" + d, text);
            gold.add(new Annotation(document, randomSpans(random, text), "gold"));
            teachers.forEach((name, list) -> list.add(new Annotation(document, randomSpans(random, text), name)));
        }

        SubsetSearchResult result = TeacherSubsetSearch.builder().build().search(teachers, gold, List.of(DISEASE));

        // sum over subset sizes s of C(10, s) * rules(s) = 10 * 2^9
        assertThat(result.ranked(DISEASE)).hasSize(5120);
        List<SubsetScore> rows = result.ranked(DISEASE);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).score().f1()).isLessThanOrEqualTo(rows.get(i - 1).score().f1());
        }
    }

    @Test
    void should_name_the_teacher_and_document_when_a_teacher_misses_a_document() {
        List<Annotation> gold = new ArrayList<>();
        Map<String, List<Annotation>> teachers = threeTeachers(gold);
        teachers.put("echo", teachers.get("echo").subList(0, 9));

        assertThatThrownBy(() -> TeacherSubsetSearch.builder().build().search(teachers, gold))
                .hasMessageContaining("document 'd9' is in gold but missing from the predictions of echo");
        assertThatThrownBy(() -> TeacherSubsetSearch.builder().build().search(Map.of(), gold))
                .hasMessageContaining("teachers=0");
    }

    private static Map<String, Score> byDescription(List<SubsetScore> rows) {
        Map<String, Score> scores = new HashMap<>();
        rows.forEach(row -> scores.put(row.describe(), row.score()));
        return scores;
    }

    /** The same rule behind a plain {@link Combiner}, so the search must combine annotations for real. */
    private static Combiner opaque(Combiner rule) {
        return new Combiner() {
            @Override
            public Annotation combine(List<Annotation> annotations, String source) {
                return rule.combine(annotations, source);
            }

            @Override
            public String name() {
                return rule.name();
            }
        };
    }

    private static List<Entity> randomSpans(Random random, String text) {
        List<Entity> entities = new ArrayList<>();
        int count = random.nextInt(7);
        for (int i = 0; i < count; i++) {
            int start = random.nextInt(20) * 4;
            int end = Math.min(text.length(), start + 4 * (1 + random.nextInt(3)) - random.nextInt(2));
            entities.add(Entity.of(text, start, end, random.nextInt(4) == 0 ? MEDICATION : DISEASE));
        }
        return entities;
    }

}
