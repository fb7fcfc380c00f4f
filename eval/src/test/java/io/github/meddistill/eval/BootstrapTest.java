package io.github.meddistill.eval;

import static io.github.meddistill.core.EntityType.DISEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** 40 documents with one gold disease each; {@code hits} of them found by the system, plus {@code extra} false positives. */
    private static SystemScores system(String name, int hits, int extra, int documents) {
        List<Annotation> gold = new ArrayList<>();
        List<Annotation> predicted = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            Document document = new Document("d" + i, "fever and cough");
            Entity fever = Entity.of(document.text(), 0, 5, DISEASE);
            Entity cough = Entity.of(document.text(), 10, 15, DISEASE);
            gold.add(new Annotation(document, List.of(fever), "gold"));
            List<Entity> found = new ArrayList<>();
            if (i < hits) {
                found.add(fever);
            }
            if (i < extra) {
                found.add(cough);
            }
            predicted.add(new Annotation(document, found, name));
        }
        return SpanEvaluator.score(name, gold, predicted);
    }

    @Test
    void should_give_identical_intervals_when_the_seed_is_the_same() {
        SystemScores scores = system("a", 30, 10, 40);
        Bootstrap bootstrap = Bootstrap.builder().resamples(500).seed(7).build();

        BootstrapIntervals first = bootstrap.intervals(scores);
        BootstrapIntervals second = Bootstrap.builder().resamples(500).seed(7).build().intervals(scores);
        BootstrapIntervals otherSeed = Bootstrap.builder().resamples(500).seed(8).build().intervals(scores);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.micro()).isNotEqualTo(first.micro());
    }

    @Test
    void should_bracket_the_observed_f1_when_computing_intervals() {
        SystemScores scores = system("a", 30, 10, 40);

        BootstrapIntervals intervals = Bootstrap.builder().build().intervals(scores);

        double f1 = scores.micro(MatchMode.STRICT).f1(); // 2*30 / (60 + 10 + 10) = 0.75
        ConfidenceInterval ci = intervals.micro().get(MatchMode.STRICT).f1();
        assertThat(f1).isEqualTo(0.75);
        assertThat(ci.lower()).isLessThan(f1).isGreaterThan(0.5);
        assertThat(ci.upper()).isGreaterThan(f1).isLessThanOrEqualTo(1.0);
        assertThat(intervals.of(MatchMode.STRICT, DISEASE)).contains(intervals.micro().get(MatchMode.STRICT));
        assertThat(intervals.resamples()).isEqualTo(1000);
        assertThat(intervals.confidenceLevel()).isEqualTo(0.95);
    }

    @Test
    void should_give_zero_width_intervals_when_every_document_is_perfect() {
        SystemScores scores = system("a", 40, 0, 40);

        BootstrapIntervals intervals = Bootstrap.builder().resamples(200).build().intervals(scores);

        assertThat(intervals.micro().get(MatchMode.LENIENT).f1()).isEqualTo(new ConfidenceInterval(1, 1));
    }

    @Test
    void should_give_a_small_p_value_when_a_is_clearly_better_and_a_large_one_otherwise() {
        SystemScores good = system("good", 36, 2, 40);
        SystemScores bad = system("bad", 20, 15, 40);
        Bootstrap bootstrap = Bootstrap.builder().resamples(1000).seed(1).build();

        PairedComparison goodVsBad = bootstrap.compare(good, bad);
        PairedComparison badVsGood = bootstrap.compare(bad, good);
        PairedComparison same = bootstrap.compare(good, good);

        assertThat(goodVsBad.micro().get(MatchMode.STRICT).pValue()).isLessThan(0.01);
        assertThat(goodVsBad.micro().get(MatchMode.STRICT).difference()).isPositive();
        assertThat(badVsGood.micro().get(MatchMode.STRICT).pValue()).isGreaterThan(0.99);
        assertThat(same.micro().get(MatchMode.STRICT).pValue()).isEqualTo(1.0);
        assertThat(goodVsBad.perType().get(MatchMode.STRICT).get(DISEASE)).isEqualTo(goodVsBad.micro().get(MatchMode.STRICT));
        assertThat(bootstrap.compare(good, bad)).isEqualTo(goodVsBad);
    }

    @Test
    void should_reject_a_paired_test_when_documents_differ() {
        SystemScores forty = system("a", 30, 0, 40);
        SystemScores thirty = system("b", 30, 0, 30);

        assertThatThrownBy(() -> Bootstrap.builder().build().compare(thirty, forty))
                .hasMessageContaining("a paired test needs the same documents");
        assertThatThrownBy(() -> Bootstrap.builder().build().compare(forty, thirty))
                .hasMessageContaining("document 'd30' was scored for a but not for b");
    }

    @Test
    void should_name_the_bad_field_when_building() {
        assertThatThrownBy(() -> Bootstrap.builder().resamples(0).build()).hasMessageContaining("resamples=0");
        assertThatThrownBy(() -> Bootstrap.builder().confidenceLevel(1).build()).hasMessageContaining("confidenceLevel=1.0");
    }
}
