package io.github.meddistill.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffirmedOnlyTeacherTest {

    private static final EntityType SYMPTOM = EntityType.of("SYMPTOM");

    /** Labels every occurrence of the given words. */
    private static Teacher wordsTeacher(String... words) {
        return new Teacher() {
            @Override
            public String name() {
                return "words";
            }

            @Override
            public Annotation annotate(Document document) {
                List<Entity> found = new ArrayList<>();
                for (String word : words) {
                    int at = document.text().indexOf(word);
                    if (at >= 0) {
                        found.add(Entity.of(document.text(), at, at + word.length(), SYMPTOM));
                    }
                }
                return new Annotation(document, found, name());
            }
        };
    }

    @Test
    void should_drop_negated_and_family_mentions_when_wrapping_a_teacher() {
        // given
        Teacher affirmed = AffirmedOnlyTeacher.wrap(wordsTeacher("fever", "cough", "asthma"), ContextEngine.defaults());
        Document note = new Document("n1", "Denies fever. Reports cough.\nMother has asthma.");
        // when
        Annotation labels = affirmed.annotate(note);
        // then
        assertThat(labels.entities()).extracting(Entity::text).containsExactly("cough");
        assertThat(labels.entities().get(0).assertion().isAffirmed()).isTrue();
        assertThat(labels.source()).isEqualTo("words");
    }

    @Test
    void should_filter_every_document_when_labelling_many() {
        Teacher affirmed = AffirmedOnlyTeacher.wrap(wordsTeacher("fever"), ContextEngine.defaults());
        List<Annotation> labels = affirmed.annotateAll(List.of(new Document("a", "No fever."),
                new Document("b", "High fever.")));
        assertThat(labels).extracting(a -> a.entities().size()).containsExactly(0, 1);
        assertThat(affirmed.configuration()).contains("affirmed-only");
    }
}
