package io.github.meddistill.core.combine;

import static io.github.meddistill.core.EntityType.DISEASE;
import static io.github.meddistill.core.EntityType.MEDICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VoteCombinerTest {

    //                                     0         1         2         3         4
    //                                     0123456789012345678901234567890123456789012345
    private static final Document NOTE = new Document("n1", "Aspirin for breast cancer and severe headache.");

    private static Entity span(int start, int end, EntityType type) {
        return Entity.of(NOTE.text(), start, end, type);
    }

    private static final Entity ASPIRIN = span(0, 7, MEDICATION);
    private static final Entity BREAST_CANCER = span(12, 25, DISEASE);
    private static final Entity CANCER = span(19, 25, DISEASE);
    private static final Entity HEADACHE = span(37, 45, DISEASE);
    private static final Entity SEVERE_HEADACHE = span(30, 45, DISEASE);

    private static Annotation source(String name, Entity... entities) {
        return new Annotation(NOTE, List.of(entities), name);
    }

    @Test
    void should_keep_every_span_when_union() {
        // given
        List<Annotation> sources = List.of(source("a", ASPIRIN), source("b", HEADACHE), source("c"));

        // when
        Annotation combined = new UnionCombiner().combine(sources, "teacher");

        // then
        assertThat(combined.entities()).containsExactly(ASPIRIN, HEADACHE);
        assertThat(combined.source()).isEqualTo("teacher");
        assertThat(combined.document()).isEqualTo(NOTE);
    }

    @Test
    void should_keep_only_shared_spans_when_intersection() {
        List<Annotation> sources = List.of(source("a", ASPIRIN, HEADACHE), source("b", ASPIRIN), source("c", ASPIRIN, CANCER));

        Annotation combined = new IntersectionCombiner().combine(sources, "teacher");

        assertThat(combined.entities()).containsExactly(ASPIRIN);
    }

    @Test
    void should_keep_spans_with_k_votes_when_majority_vote() {
        List<Annotation> sources = List.of(source("a", ASPIRIN, HEADACHE), source("b", ASPIRIN, CANCER),
                source("c", HEADACHE, BREAST_CANCER));

        Annotation combined = new MajorityVoteCombiner(2).combine(sources, "teacher");

        assertThat(combined.entities()).containsExactly(ASPIRIN, HEADACHE);
    }

    @Test
    void should_reject_majority_vote_when_fewer_sources_than_k() {
        List<Annotation> sources = List.of(source("a", ASPIRIN), source("b"));

        assertThatThrownBy(() -> new MajorityVoteCombiner(3).combine(sources, "teacher"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-of-n needs at least 3 source(s): sources=2");
        assertThatThrownBy(() -> new MajorityVoteCombiner(0))
                .hasMessageContaining("minimumVotes must be at least 1: minimumVotes=0");
    }

    @Test
    void should_sum_weights_of_agreeing_sources_when_weighted_vote() {
        List<Annotation> sources = List.of(source("gpt", ASPIRIN), source("doid", HEADACHE), source("gemini", HEADACHE));
        WeightedVoteCombiner rule = new WeightedVoteCombiner(Map.of("gpt", 2.0, "doid", 0.7, "gemini", 0.7), 1.4);

        Annotation combined = rule.combine(sources, "teacher");

        assertThat(combined.entities()).containsExactly(ASPIRIN, HEADACHE);
        assertThat(rule.name()).isEqualTo("weighted(doid=0.7,gemini=0.7,gpt=2.0)>=1.4");
    }

    @Test
    void should_name_the_source_when_weighted_vote_has_no_weight_for_it() {
        List<Annotation> sources = List.of(source("gpt", ASPIRIN), source("other", HEADACHE));
        WeightedVoteCombiner rule = new WeightedVoteCombiner(Map.of("gpt", 1.0), 1.0);

        assertThatThrownBy(() -> rule.combine(sources, "teacher"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no weight for source other")
                .hasMessageContaining("[gpt]");
        assertThatThrownBy(() -> new WeightedVoteCombiner(Map.of("gpt", -1.0), 1.0))
                .hasMessageContaining("weight of source gpt must be a finite number >= 0: weight=-1.0");
        assertThatThrownBy(() -> new WeightedVoteCombiner(Map.of("gpt", 1.0), 0))
                .hasMessageContaining("threshold must be a finite number > 0: threshold=0.0");
    }

    @Test
    void should_count_overlapping_same_type_spans_as_votes_when_lenient() {
        List<Annotation> sources = List.of(source("a", BREAST_CANCER), source("b", CANCER), source("c", ASPIRIN));

        Annotation exact = new MajorityVoteCombiner(2).combine(sources, "t");
        Annotation lenient = new MajorityVoteCombiner(2, SpanMatching.LENIENT, OverlapPolicy.LONGEST_WINS)
                .combine(sources, "t");
        Annotation lenientKeepAll = new MajorityVoteCombiner(2, SpanMatching.LENIENT, OverlapPolicy.KEEP_ALL)
                .combine(sources, "t");

        assertThat(exact.entities()).isEmpty();
        assertThat(lenient.entities()).containsExactly(BREAST_CANCER);
        assertThat(lenientKeepAll.entities()).containsExactly(BREAST_CANCER, CANCER);
    }

    @Test
    void should_not_count_overlaps_of_another_type_as_votes_when_lenient() {
        Entity cancerAsMedication = span(19, 25, MEDICATION);
        List<Annotation> sources = List.of(source("a", BREAST_CANCER), source("b", cancerAsMedication));

        Annotation combined = new IntersectionCombiner(SpanMatching.LENIENT, OverlapPolicy.KEEP_ALL).combine(sources, "t");

        assertThat(combined.entities()).isEmpty();
    }

    @Test
    void should_resolve_nested_spans_by_policy_when_union() {
        // "cancer" has two votes, "breast cancer" one; a and c are listed before b
        List<Annotation> sources = List.of(source("a", CANCER), source("b", BREAST_CANCER), source("c", CANCER));

        assertThat(new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.KEEP_ALL).combine(sources, "t").entities())
                .containsExactly(BREAST_CANCER, CANCER);
        assertThat(new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.LONGEST_WINS).combine(sources, "t").entities())
                .containsExactly(BREAST_CANCER);
        assertThat(new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.MOST_VOTES).combine(sources, "t").entities())
                .containsExactly(CANCER);
        assertThat(new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.SOURCE_PRIORITY).combine(sources, "t").entities())
                .containsExactly(CANCER);
        List<Annotation> bFirst = List.of(sources.get(1), sources.get(0), sources.get(2));
        assertThat(new UnionCombiner(SpanMatching.EXACT, OverlapPolicy.SOURCE_PRIORITY).combine(bFirst, "t").entities())
                .containsExactly(BREAST_CANCER);
    }

    @Test
    void should_resolve_partial_overlaps_greedily_when_longest_wins() {
        // "cancer and severe" [19,36) overlaps both "breast cancer" [12,25) and "severe headache" [30,45)
        Entity middle = span(19, 36, DISEASE);
        List<Annotation> sources = List.of(source("a", BREAST_CANCER, SEVERE_HEADACHE), source("b", middle));

        Annotation combined = new UnionCombiner().combine(sources, "t");

        assertThat(combined.entities()).containsExactly(middle);
    }

    @Test
    void should_prefer_the_type_with_more_votes_when_the_same_span_has_two_types() {
        Entity aspirinAsDisease = span(0, 7, DISEASE);
        List<Annotation> sources = List.of(source("a", aspirinAsDisease), source("b", ASPIRIN), source("c", ASPIRIN));

        Annotation combined = new UnionCombiner().combine(sources, "t");

        assertThat(combined.entities()).containsExactly(ASPIRIN);
    }

    @Test
    void should_give_the_same_result_when_sources_are_shuffled() {
        Random random = new Random(42);
        List<Entity> pool = List.of(ASPIRIN, BREAST_CANCER, CANCER, HEADACHE, SEVERE_HEADACHE, span(0, 7, DISEASE),
                span(30, 36, DISEASE), span(12, 18, DISEASE));
        for (int round = 0; round < 200; round++) {
            List<Annotation> sources = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                List<Entity> entities = pool.stream().filter(e -> random.nextInt(3) == 0).toList();
                sources.add(new Annotation(NOTE, entities, "s" + s));
            }
            List<Annotation> shuffled = new ArrayList<>(sources);
            Collections.shuffle(shuffled, random);
            for (VoteCombiner rule : List.of(new UnionCombiner(), new MajorityVoteCombiner(2),
                    new MajorityVoteCombiner(2, SpanMatching.LENIENT, OverlapPolicy.MOST_VOTES),
                    new IntersectionCombiner(SpanMatching.LENIENT, OverlapPolicy.KEEP_ALL))) {
                assertThat(rule.combine(shuffled, "t")).as(rule.name()).isEqualTo(rule.combine(sources, "t"));
            }
        }
    }

    @Test
    void should_reject_inputs_that_cannot_be_combined() {
        Document other = new Document("n2", NOTE.text());
        Document otherText = new Document("n1", "Aspirin for breast cancer and severe headache!");

        assertThatThrownBy(() -> new UnionCombiner().combine(List.of(), "t"))
                .hasMessageContaining("the list of annotations is empty");
        assertThatThrownBy(() -> new UnionCombiner().combine(List.of(source("a"), new Annotation(other, List.of(), "b")), "t"))
                .hasMessageContaining("different documents").hasMessageContaining("'n1' and 'n2'");
        assertThatThrownBy(() -> new UnionCombiner().combine(List.of(source("a"), new Annotation(otherText, List.of(), "b")), "t"))
                .hasMessageContaining("source b annotated a different text for document 'n1'");
        assertThatThrownBy(() -> new UnionCombiner().combine(List.of(source("a"), source("a")), "t"))
                .hasMessageContaining("source a appears twice among the annotations of document 'n1'");
    }

    @Test
    void should_name_rules_with_non_default_matching_and_policy() {
        assertThat(new UnionCombiner().name()).isEqualTo("union");
        assertThat(new MajorityVoteCombiner(3).name()).isEqualTo("3-of-n");
        assertThat(new IntersectionCombiner(SpanMatching.LENIENT, OverlapPolicy.KEEP_ALL).name())
                .isEqualTo("intersection[lenient,keep_all]");
    }
}
