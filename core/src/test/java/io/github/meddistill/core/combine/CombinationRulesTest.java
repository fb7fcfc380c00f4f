package io.github.meddistill.core.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationRulesTest {

    private static List<String> names(List<VoteCombiner> rules) {
        return rules.stream().map(Combiner::name).toList();
    }

    @Test
    void should_list_distinct_rules_when_given_a_source_count() {
        assertThat(names(CombinationRules.standard(1))).containsExactly("union");
        assertThat(names(CombinationRules.standard(2))).containsExactly("union", "intersection");
        assertThat(names(CombinationRules.standard(4))).containsExactly("union", "2-of-n", "3-of-n", "intersection");
    }

    @Test
    void should_apply_matching_and_policy_to_every_rule() {
        List<VoteCombiner> rules = CombinationRules.standard(3, SpanMatching.LENIENT, OverlapPolicy.KEEP_ALL);

        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.matching()).isEqualTo(SpanMatching.LENIENT);
            assertThat(rule.overlapPolicy()).isEqualTo(OverlapPolicy.KEEP_ALL);
        });
    }

    @Test
    void should_reject_a_source_count_below_one() {
        assertThatThrownBy(() -> CombinationRules.standard(0)).hasMessageContaining("sourceCount=0");
    }
}
