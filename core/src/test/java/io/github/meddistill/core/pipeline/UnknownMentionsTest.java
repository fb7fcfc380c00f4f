package io.github.meddistill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownMentionsTest {

    private static final Document NOTE = new Document("n0", "acute renal failure after cisplatin and fever");
    private static final EntityType DIS = EntityType.DISEASE;
    private static final EntityType MED = EntityType.MEDICATION;

    private static Entity span(String phrase, EntityType type) {
        int at = NOTE.text().indexOf(phrase);
        return Entity.of(NOTE.text(), at, at + phrase.length(), type);
    }

    private static Annotation labels(String source, Entity... entities) {
        return new Annotation(NOTE, List.of(entities), source);
    }

    @Test
    void should_add_the_longest_left_out_mention_that_overlaps_nothing_combined_when_teachers_disagree() {
        // given: the combination kept cisplatin; one teacher also says "renal failure", another the whole phrase,
        // and one calls cisplatin a disease
        Annotation combined = labels("combination", span("cisplatin", MED));
        Map<String, List<Annotation>> teachers = Map.of(
                "doid", List.of(labels("doid", span("renal failure", DIS), span("cisplatin", DIS))),
                "hpo", List.of(labels("hpo", span("acute renal failure", DIS), span("fever", DIS))),
                "drugs", List.of(labels("drugs", span("cisplatin", MED))));
        MentionConfidences weighed = new MentionConfidences(Map.of("n0", Map.of(span("cisplatin", MED), 0.8)));
        // when
        UnknownMentions.Added added = UnknownMentions.add(teachers, List.of(combined), weighed);
        // then
        assertThat(added.added()).isEqualTo(2);
        assertThat(added.labels().get(0).entities()).extracting(Entity::text)
                .containsExactly("acute renal failure", "cisplatin", "fever");
        assertThat(added.confidences().of("n0", span("acute renal failure", DIS))).isZero();
        assertThat(added.confidences().of("n0", span("fever", DIS))).isZero();
        assertThat(added.confidences().of("n0", span("cisplatin", MED))).isEqualTo(0.8);
    }

    @Test
    void should_add_nothing_when_the_combination_kept_every_teacher_mention() {
        Annotation combined = labels("combination", span("fever", DIS));
        UnknownMentions.Added added = UnknownMentions.add(Map.of("hpo", List.of(labels("hpo", span("fever", DIS)))),
                List.of(combined), MentionConfidences.NONE);
        assertThat(added.added()).isZero();
        assertThat(added.labels()).containsExactly(combined);
        assertThat(added.confidences().isEmpty()).isTrue();
    }
}
