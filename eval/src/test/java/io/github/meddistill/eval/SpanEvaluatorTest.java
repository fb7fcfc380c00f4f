package io.github.meddistill.eval;

import static io.github.meddistill.core.EntityType.DISEASE;
import static io.github.meddistill.core.EntityType.MEDICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanEvaluatorTest {

    //                                     0         1         2         3         4
    //                                     0123456789012345678901234567890123456789012345
    private static final Document NOTE = new Document("n1", "Aspirin for breast cancer and severe headache.");

    private static Entity span(int start, int end, EntityType type) {
        return Entity.of(NOTE.text(), start, end, type);
    }

    private static SystemScores score(List<Entity> gold, List<Entity> predicted) {
        return SpanEvaluator.score("sys", List.of(new Annotation(NOTE, gold, "gold")),
                List.of(new Annotation(NOTE, predicted, "sys")));
    }

    private static final Entity ASPIRIN = span(0, 7, MEDICATION);
    private static final Entity BREAST_CANCER = span(12, 25, DISEASE);
    private static final Entity CANCER = span(19, 25, DISEASE);
    private static final Entity HEADACHE = span(37, 45, DISEASE);
    private static final Entity SEVERE_HEADACHE = span(30, 45, DISEASE);

    @Test
    void should_count_true_positive_when_boundaries_are_exact() {
        SystemScores scores = score(List.of(ASPIRIN, BREAST_CANCER), List.of(ASPIRIN, BREAST_CANCER));

        assertThat(scores.micro(MatchMode.STRICT)).isEqualTo(new Score(2, 0, 0));
        assertThat(scores.micro(MatchMode.STRICT).f1()).isEqualTo(1.0);
        assertThat(scores.score(MatchMode.LENIENT, DISEASE)).isEqualTo(new Score(1, 0, 0));
    }

    @Test
    void should_count_fp_and_fn_strictly_but_tp_leniently_when_off_by_one() {
        Entity offByOne = span(12, 24, DISEASE); // "breast cance"

        SystemScores scores = score(List.of(BREAST_CANCER), List.of(offByOne));

        assertThat(scores.score(MatchMode.STRICT, DISEASE)).isEqualTo(new Score(0, 1, 1));
        assertThat(scores.score(MatchMode.STRICT, DISEASE).f1()).isEqualTo(0.0);
        assertThat(scores.score(MatchMode.LENIENT, DISEASE)).isEqualTo(new Score(1, 0, 0));
    }

    @Test
    void should_match_one_nested_prediction_at_most_once_when_lenient() {
        // gold "breast cancer"; predicted "breast cancer" and nested "cancer"
        SystemScores scores = score(List.of(BREAST_CANCER), List.of(BREAST_CANCER, CANCER));

        assertThat(scores.score(MatchMode.STRICT, DISEASE)).isEqualTo(new Score(1, 1, 0));
        assertThat(scores.score(MatchMode.LENIENT, DISEASE)).isEqualTo(new Score(1, 1, 0));
        assertThat(scores.score(MatchMode.LENIENT, DISEASE).precision()).isEqualTo(0.5);
        assertThat(scores.score(MatchMode.LENIENT, DISEASE).f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void should_find_the_largest_one_to_one_matching_when_spans_overlap_in_a_chain() {
        // gold: "breast cancer" [12,25), "severe headache" [30,45); predicted: "cancer and severe" [19,36), "headache" [37,45)
        Entity bridge = span(19, 36, DISEASE);

        SystemScores scores = score(List.of(BREAST_CANCER, SEVERE_HEADACHE), List.of(bridge, HEADACHE));

        assertThat(scores.score(MatchMode.STRICT, DISEASE)).isEqualTo(new Score(0, 2, 2));
        assertThat(scores.score(MatchMode.LENIENT, DISEASE)).isEqualTo(new Score(2, 0, 0));
    }

    @Test
    void should_count_fp_and_fn_in_both_modes_when_the_type_is_wrong() {
        Entity aspirinAsDisease = span(0, 7, DISEASE);

        SystemScores scores = score(List.of(ASPIRIN), List.of(aspirinAsDisease));

        assertThat(scores.score(MatchMode.STRICT, MEDICATION)).isEqualTo(new Score(0, 0, 1));
        assertThat(scores.score(MatchMode.STRICT, DISEASE)).isEqualTo(new Score(0, 1, 0));
        assertThat(scores.score(MatchMode.LENIENT, MEDICATION)).isEqualTo(new Score(0, 0, 1));
        assertThat(scores.micro(MatchMode.LENIENT)).isEqualTo(new Score(0, 1, 1));
        // both types score 0, so macro is 0 too
        assertThat(scores.macro(MatchMode.STRICT)).isEqualTo(new MacroScore(0, 0, 0));
    }

    @Test
    void should_count_duplicates_once() {
        SystemScores scores = score(List.of(ASPIRIN), List.of(ASPIRIN, ASPIRIN, span(0, 7, MEDICATION)));

        assertThat(scores.micro(MatchMode.STRICT)).isEqualTo(new Score(1, 0, 0));
        assertThat(scores.micro(MatchMode.LENIENT)).isEqualTo(new Score(1, 0, 0));
    }

    @Test
    void should_give_defined_scores_when_a_side_is_empty() {
        SystemScores emptyPrediction = score(List.of(ASPIRIN), List.of());
        SystemScores emptyGold = score(List.of(), List.of(ASPIRIN));
        SystemScores bothEmpty = score(List.of(), List.of());

        assertThat(emptyPrediction.micro(MatchMode.STRICT)).isEqualTo(new Score(0, 0, 1));
        assertThat(emptyPrediction.micro(MatchMode.STRICT).precision()).isEqualTo(0.0);
        assertThat(emptyPrediction.micro(MatchMode.STRICT).recall()).isEqualTo(0.0);
        assertThat(emptyPrediction.micro(MatchMode.STRICT).f1()).isEqualTo(0.0);
        assertThat(emptyGold.micro(MatchMode.STRICT)).isEqualTo(new Score(0, 1, 0));
        assertThat(emptyGold.micro(MatchMode.STRICT).precision()).isEqualTo(0.0);
        assertThat(emptyGold.micro(MatchMode.STRICT).recall()).isEqualTo(0.0);
        assertThat(emptyGold.micro(MatchMode.STRICT).f1()).isEqualTo(0.0);
        assertThat(bothEmpty.types()).isEmpty();
        assertThat(bothEmpty.micro(MatchMode.STRICT).f1()).isEqualTo(1.0);
        assertThat(bothEmpty.macro(MatchMode.LENIENT)).isEqualTo(new MacroScore(1, 1, 1));
        assertThatThrownBy(() -> bothEmpty.score(MatchMode.STRICT, DISEASE))
                .hasMessageContaining("DISEASE was not scored for sys; scored types: []");
    }

    @Test
    void should_score_one_document_when_asked_per_document() {
        Document other = new Document("n2", "fever");
        List<Annotation> gold = List.of(new Annotation(NOTE, List.of(ASPIRIN), "gold"),
                new Annotation(other, List.of(Entity.of("fever", 0, 5, DISEASE)), "gold"));
        List<Annotation> predicted = List.of(new Annotation(other, List.of(), "sys"), new Annotation(NOTE, List.of(ASPIRIN), "sys"));

        SystemScores scores = SpanEvaluator.score("sys", gold, predicted);

        assertThat(scores.documentScore(0, MatchMode.STRICT, MEDICATION)).isEqualTo(new Score(1, 0, 0));
        assertThat(scores.documentScore(1, MatchMode.STRICT, DISEASE)).isEqualTo(new Score(0, 0, 1));
        assertThat(scores.predicted().get(1).documentId()).isEqualTo("n2");
    }

    @Test
    void should_average_types_equally_when_macro() {
        // MEDICATION: 1 tp; DISEASE: gold 2, predicted 1 correct + 1 wrong
        SystemScores scores = score(List.of(ASPIRIN, BREAST_CANCER, HEADACHE), List.of(ASPIRIN, BREAST_CANCER, CANCER));

        assertThat(scores.score(MatchMode.STRICT, DISEASE)).isEqualTo(new Score(1, 1, 1));
        assertThat(scores.micro(MatchMode.STRICT)).isEqualTo(new Score(2, 1, 1));
        assertThat(scores.micro(MatchMode.STRICT).f1()).isCloseTo(4.0 / 6, within(1e-12));
        MacroScore macro = scores.macro(MatchMode.STRICT);
        assertThat(macro.precision()).isCloseTo((1.0 + 0.5) / 2, within(1e-12));
        assertThat(macro.recall()).isCloseTo((1.0 + 0.5) / 2, within(1e-12));
        assertThat(macro.f1()).isCloseTo((1.0 + 0.5) / 2, within(1e-12));
    }

    @Test
    void should_compare_bio_tags_per_token_when_token_level() {
        // tokens: Aspirin for breast cancer and severe headache .
        // gold: B-MED O B-DIS I-DIS O O B-DIS O; predicted: B-MED O O B-DIS O B-DIS I-DIS O
        SystemScores scores = score(List.of(ASPIRIN, BREAST_CANCER, HEADACHE), List.of(ASPIRIN, CANCER, SEVERE_HEADACHE));

        assertThat(scores.tokenPerType().get(MEDICATION)).isEqualTo(new Score(1, 0, 0));
        // breast: B vs O (fn); cancer: I vs B (fp, fn); severe: O vs B (fp); headache: B vs I (fp, fn)
        assertThat(scores.tokenPerType().get(DISEASE)).isEqualTo(new Score(0, 3, 3));
        assertThat(scores.tokenMicro()).isEqualTo(new Score(1, 3, 3));
    }

    @Test
    void should_name_the_document_when_one_side_misses_it() {
        Document other = new Document("n2", "fever");
        List<Annotation> gold = List.of(new Annotation(NOTE, List.of(), "gold"), new Annotation(other, List.of(), "gold"));
        List<Annotation> predicted = List.of(new Annotation(NOTE, List.of(), "sys"));

        assertThatThrownBy(() -> SpanEvaluator.score("sys", gold, predicted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document 'n2' is in gold but missing from the predictions of sys");
        assertThatThrownBy(() -> SpanEvaluator.score("sys", predicted, gold))
                .hasMessageContaining("document 'n2' is in the predictions of sys but missing from gold");
        assertThatThrownBy(() -> SpanEvaluator.score("sys", List.of(), List.of()))
                .hasMessageContaining("no documents");
    }

    @Test
    void should_give_the_strict_micro_f1_the_pipeline_decides_with_when_scoring_random_cases() {
        // core's SpanF1 (early stopping, decoding bias, self-training) and this evaluator are one definition
        Random random = new Random(20261202L);
        String text = "x".repeat(40);
        EntityType[] types = {DISEASE, MEDICATION};
        for (int round = 0; round < 500; round++) {
            List<Annotation> gold = new ArrayList<>();
            List<Annotation> predicted = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                Document document = new Document("d" + d, text);
                gold.add(new Annotation(document, random.nextInt(4) == 0 ? List.of() : randomSpans(random, text, types), "gold"));
                predicted.add(new Annotation(document, random.nextInt(4) == 0 ? List.of() : randomSpans(random, text, types), "sys"));
            }

            double evaluator = SpanEvaluator.score("sys", gold, predicted).micro(MatchMode.STRICT).f1();
            double pipeline = io.github.meddistill.core.SpanF1.strict(gold.stream().map(Annotation::entities).toList(),
                    predicted.stream().map(Annotation::entities).toList());

            assertThat(evaluator).as("round %d", round).isCloseTo(pipeline, within(1e-12));
        }
    }

    @Test
    void should_never_score_strict_f1_above_lenient_f1_on_random_cases() {
        Random random = new Random(20261125L);
        String text = "x".repeat(60);
        Document document = new Document("d", text);
        EntityType[] types = {DISEASE, MEDICATION};
        for (int round = 0; round < 2000; round++) {
            List<Annotation> gold = List.of(new Annotation(document, randomSpans(random, text, types), "gold"));
            List<Annotation> predicted = List.of(new Annotation(document, randomSpans(random, text, types), "sys"));

            SystemScores scores = SpanEvaluator.score("sys", gold, predicted);

            Score strict = scores.micro(MatchMode.STRICT);
            Score lenient = scores.micro(MatchMode.LENIENT);
            assertThat(strict.f1()).as("round %d", round).isLessThanOrEqualTo(lenient.f1());
            assertThat(strict.tp()).isLessThanOrEqualTo(lenient.tp());
            assertThat(lenient.predicted()).isEqualTo(strict.predicted());
            assertThat(lenient.gold()).isEqualTo(strict.gold());
            for (EntityType type : scores.types()) {
                assertThat(scores.score(MatchMode.STRICT, type).f1()).isLessThanOrEqualTo(scores.score(MatchMode.LENIENT, type).f1());
            }
        }
    }

    private static List<Entity> randomSpans(Random random, String text, EntityType[] types) {
        List<Entity> entities = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int start = random.nextInt(text.length() - 1);
            int end = start + 1 + random.nextInt(Math.min(8, text.length() - start));
            entities.add(Entity.of(text, start, Math.min(end, text.length()), types[random.nextInt(types.length)]));
        }
        return entities;
    }
}
