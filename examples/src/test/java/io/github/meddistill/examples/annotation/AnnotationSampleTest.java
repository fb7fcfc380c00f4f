package io.github.meddistill.examples.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationSampleTest {

    private static final Set<EntityType> TYPES = Set.of(EntityType.DISEASE, EntityType.SYMPTOM);

    /**
     * 20 notes: in note i the teacher "a" labels "fever" as DISEASE, teacher "b" labels it only when i is even (so odd
     * notes have one disputed span); note 13 alone has a SYMPTOM, which both teachers of SYMPTOM ("b") agree on.
     */
    private static Map<String, List<Annotation>> labels() {
        List<Annotation> a = new ArrayList<>();
        List<Annotation> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Document note = new Document("n" + i, "fever and cough");
            Entity fever = Entity.of(note.text(), 0, 5, EntityType.DISEASE);
            a.add(new Annotation(note, List.of(fever), "a"));
            List<Entity> byB = new ArrayList<>();
            if (i % 2 == 0) {
                byB.add(fever);
            }
            if (i == 13) {
                byB.add(Entity.of(note.text(), 10, 15, EntityType.SYMPTOM));
            }
            b.add(new Annotation(note, byB, "b"));
        }
        Map<String, List<Annotation>> labels = new LinkedHashMap<>();
        labels.put("a", a);
        labels.put("b", b);
        return labels;
    }

    @Test
    void should_pick_the_rare_type_first_and_then_the_most_disputed_notes_when_sampling() {
        // when
        List<AnnotationSample.Pick> picks = AnnotationSample.pick(labels(), TYPES, 6, 7);

        // then
        assertThat(picks).hasSize(6);
        assertThat(picks.get(0).document().id()).isEqualTo("n13");
        assertThat(picks.get(0).reason()).isEqualTo("rare type SYMPTOM");
        assertThat(picks).allSatisfy(p -> assertThat(p.disagreement()).isEqualTo(1));
        assertThat(picks).extracting(p -> Integer.parseInt(p.document().id().substring(1)) % 2).containsOnly(1);
    }

    @Test
    void should_pick_the_same_notes_for_the_same_seed_and_others_for_another_seed() {
        // when
        List<String> first = ids(AnnotationSample.pick(labels(), TYPES, 4, 1));
        List<String> again = ids(AnnotationSample.pick(labels(), TYPES, 4, 1));
        List<String> other = ids(AnnotationSample.pick(labels(), TYPES, 4, 2));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void should_return_every_note_when_asked_for_more_than_there_are() {
        assertThat(AnnotationSample.pick(labels(), TYPES, 50, 1)).hasSize(20);
    }

    private static List<String> ids(List<AnnotationSample.Pick> picks) {
        return picks.stream().map(p -> p.document().id()).toList();
    }
}
