package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonOverlappingTest {

    private record Span(int start, int end) {
        boolean overlaps(Span other) {
            return start < other.end && other.start < end;
        }
    }

    private static List<Span> keep(List<Span> ranked) {
        return NonOverlapping.keep(ranked, Span::start, Span::end);
    }

    @Test
    void should_keep_the_better_span_in_text_order_when_spans_overlap_or_nest() {
        // given: best first; (5,9) overlaps the kept (0,6), (12,14) nests in the kept (10,20), (6,10) only touches
        List<Span> ranked = List.of(new Span(10, 20), new Span(0, 6), new Span(5, 9), new Span(12, 14), new Span(6, 10));

        // when / then
        assertThat(keep(ranked)).containsExactly(new Span(0, 6), new Span(6, 10), new Span(10, 20));
    }

    @Test
    void should_keep_what_the_quadratic_definition_keeps_when_spans_are_random() {
        Random random = new Random(20261202L);
        for (int round = 0; round < 1000; round++) {
            List<Span> ranked = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                int start = random.nextInt(30);
                ranked.add(new Span(start, start + 1 + random.nextInt(6)));
            }
            List<Span> expected = new ArrayList<>();
            for (Span span : ranked) {
                if (expected.stream().noneMatch(span::overlaps)) {
                    expected.add(span);
                }
            }
            expected.sort(java.util.Comparator.comparingInt(Span::start));

            assertThat(keep(ranked)).as("round %d: %s", round, ranked).isEqualTo(expected);
        }
    }
}
