package io.github.meddistill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingFingerprintTest {

    private static Annotation note(String id, String text, int start, int end) {
        return new Annotation(new Document(id, text), List.of(Entity.of(text, start, end, EntityType.DISEASE)),
                Annotation.GOLD);
    }

    private final List<Annotation> training = List.of(note("n1", "severe asthma", 7, 13));
    private final String fingerprint = TrainingFingerprint.of("epochs=3", training, List.of());

    @Test
    void should_give_the_same_fingerprint_when_nothing_changed() {
        assertThat(TrainingFingerprint.of("epochs=3", List.of(note("n1", "severe asthma", 7, 13)), List.of()))
                .isEqualTo(fingerprint).hasSize(64);
    }

    @Test
    void should_give_another_fingerprint_when_the_configuration_labels_text_or_split_changed() {
        assertThat(List.of(
                TrainingFingerprint.of("epochs=4", training, List.of()),
                TrainingFingerprint.of("epochs=3", List.of(note("n1", "severe asthma", 0, 13)), List.of()),
                TrainingFingerprint.of("epochs=3", List.of(note("n1", "severe asthmas", 7, 13)), List.of()),
                TrainingFingerprint.of("epochs=3", List.of(), training)))
                .doesNotContain(fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void should_keep_fields_apart_when_their_concatenations_are_equal() {
        assertThat(TrainingFingerprint.of("epochs=3", List.of(note("n1", "asthma", 0, 6)), List.of()))
                .isNotEqualTo(TrainingFingerprint.of("epochs=3", List.of(note("n", "1asthma", 1, 7)), List.of()));
    }
}
