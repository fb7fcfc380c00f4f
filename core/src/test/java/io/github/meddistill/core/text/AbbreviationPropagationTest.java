package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;

class AbbreviationPropagationTest {

    private static final String TEXT = "In familial adenomatous polyposis (FAP), APC mutations cause polyps."
            + " FAP patients and FAP-associated tumours; the FAPS trial.";

    private final AbbreviationPropagation propagation = new AbbreviationPropagation();

    @Test
    void should_label_every_whole_word_use_of_the_short_form_when_its_long_form_is_labelled() {
        Entity polyposis = entity("adenomatous polyposis", EntityType.DISEASE);

        List<Entity> result = propagation.propagate(TEXT, List.of(polyposis));

        assertThat(result).extracting(Entity::text).containsExactly("adenomatous polyposis", "FAP", "FAP");
        assertThat(result).extracting(Entity::type).containsOnly(EntityType.DISEASE);
        assertThat(result.get(2).start()).isEqualTo(TEXT.indexOf("FAP patients"));
    }

    @Test
    void should_take_the_type_of_the_short_form_when_only_the_bracketed_short_form_is_labelled() {
        Entity bracketed = Entity.of(TEXT, TEXT.indexOf("FAP"), TEXT.indexOf("FAP") + 3, EntityType.SYMPTOM);

        List<Entity> result = propagation.propagate(TEXT, List.of(bracketed));

        assertThat(result).extracting(Entity::text).containsExactly("FAP", "FAP");
        assertThat(result).extracting(Entity::type).containsOnly(EntityType.SYMPTOM);
    }

    @Test
    void should_keep_the_entities_unchanged_when_the_long_form_is_not_labelled() {
        Entity apc = entity("APC", EntityType.DISEASE);

        assertThat(propagation.propagate(TEXT, List.of(apc))).containsExactly(apc);
        assertThat(propagation.propagate(TEXT, List.of())).isEmpty();
    }

    @Test
    void should_not_propagate_when_the_labelled_entity_starts_before_the_long_form() {
        String text = "caused by a deficiency of coproporphyrinogen oxidase (CPO). CPO activity was low.";
        int start = text.indexOf("deficiency");
        Entity deficiency = Entity.of(text, start, text.indexOf(" (CPO"), EntityType.DISEASE);

        assertThat(propagation.propagate(text, List.of(deficiency))).containsExactly(deficiency);
    }

    @Test
    void should_leave_an_occurrence_alone_when_it_overlaps_an_entity_already_found() {
        Entity polyposis = entity("adenomatous polyposis", EntityType.DISEASE);
        Entity patients = entity("FAP patients", EntityType.MEDICATION);

        List<Entity> result = propagation.propagate(TEXT, List.of(patients, polyposis));

        assertThat(result).extracting(Entity::text).containsExactly("adenomatous polyposis", "FAP", "FAP patients");
        assertThat(result).contains(patients);
    }

    private static Entity entity(String mention, EntityType type) {
        int start = TEXT.indexOf(mention);
        return Entity.of(TEXT, start, start + mention.length(), type);
    }
}
