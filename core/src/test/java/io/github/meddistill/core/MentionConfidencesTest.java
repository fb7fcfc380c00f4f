package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MentionConfidencesTest {

    private final Entity asthma = Entity.of("severe asthma", 7, 13, EntityType.DISEASE);

    @Test
    void should_count_a_mention_as_certain_when_it_is_not_listed() {
        MentionConfidences confidences = new MentionConfidences(Map.of("n1", Map.of(asthma, 0.25)));
        assertThat(confidences.of("n1", asthma)).isEqualTo(0.25);
        assertThat(confidences.of("n2", asthma)).isEqualTo(1.0);
        assertThat(confidences.of("n1", Entity.of("severe asthma", 0, 13, EntityType.DISEASE))).isEqualTo(1.0);
        assertThat(confidences.isEmpty()).isFalse();
        assertThat(MentionConfidences.NONE.isEmpty()).isTrue();
    }

    @Test
    void should_name_the_document_span_and_value_when_a_confidence_is_outside_zero_to_one() {
        assertThatThrownBy(() -> new MentionConfidences(Map.of("n1", Map.of(asthma, 1.5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mention's confidence must lie in [0, 1]: document n1, span [7, 13), DISEASE,"
                        + " confidence 1.5");
        assertThatThrownBy(() -> new MentionConfidences(Map.of("n1", Map.of(asthma, Double.NaN))))
                .hasMessageContaining("confidence NaN");
    }
}
