package io.github.meddistill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingFingerprintTest {

    private static Annotation note(String id, String text, int start, int end) {
        return new Annotation(new Document(id, text), List.of(Entity.of(text, start, end, EntityType.DISEASE)),
                Annotation.GOLD);
    }

    /** The fingerprint of a run whose mentions are all certain. */
    private static String plain(String configuration, List<Annotation> training, List<Annotation> development) {
        return TrainingFingerprint.of(configuration, training, MentionConfidences.NONE, development);
    }

    private final List<Annotation> training = List.of(note("n1", "severe asthma", 7, 13));
    private final String fingerprint = plain("epochs=3", training, List.of());

    @Test
    void should_give_the_same_fingerprint_when_nothing_changed() {
        assertThat(plain("epochs=3", List.of(note("n1", "severe asthma", 7, 13)), List.of()))
                .isEqualTo(fingerprint).hasSize(64);
    }

    @Test
    void should_give_another_fingerprint_when_the_configuration_labels_text_or_split_changed() {
        assertThat(List.of(
                plain("epochs=4", training, List.of()),
                plain("epochs=3", List.of(note("n1", "severe asthma", 0, 13)), List.of()),
                plain("epochs=3", List.of(note("n1", "severe asthmas", 7, 13)), List.of()),
                plain("epochs=3", List.of(), training)))
                .doesNotContain(fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void should_give_another_fingerprint_when_a_mention_is_less_than_certain() {
        Entity asthma = training.get(0).entities().get(0);
        MentionConfidences unsure = new MentionConfidences(Map.of("n1", Map.of(asthma, 0.4)));
        MentionConfidences certain = new MentionConfidences(Map.of("n1", Map.of(asthma, 1.0)));
        assertThat(TrainingFingerprint.of("epochs=3", training, unsure, List.of())).isNotEqualTo(fingerprint);
        assertThat(TrainingFingerprint.of("epochs=3", training, certain, List.of())).isEqualTo(fingerprint);
    }

    @Test
    void should_keep_fields_apart_when_their_concatenations_are_equal() {
        assertThat(plain("epochs=3", List.of(note("n1", "asthma", 0, 6)), List.of()))
                .isNotEqualTo(plain("epochs=3", List.of(note("n", "1asthma", 1, 7)), List.of()));
    }
}
