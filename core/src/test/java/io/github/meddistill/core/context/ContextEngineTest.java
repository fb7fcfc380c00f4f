package io.github.meddistill.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextEngineTest {

    private static final EntityType FINDING = EntityType.of("FINDING");
    private static final ContextEngine ENGINE = ContextEngine.defaults();

    private static Entity mention(String text, String phrase) {
        int start = text.indexOf(phrase);
        return Entity.of(text, start, start + phrase.length(), FINDING);
    }

    private static Assertion assertionOf(String text, String phrase) {
        return ENGINE.apply(text, List.of(mention(text, phrase))).get(0).assertion();
    }

    // Examples in the spirit of Harkema et al. (2009): one per trigger kind and category.

    @Test
    void should_negate_when_a_pre_trigger_precedes_the_finding() {
        // given a pre-negation trigger ("denies")
        // when / then
        assertThat(assertionOf("The patient denies chest pain.", "chest pain").negated()).isEqualTo(Flag.YES);
    }

    @Test
    void should_negate_when_a_post_trigger_follows_the_finding() {
        assertThat(assertionOf("Pneumonia was ruled out.", "Pneumonia").negated()).isEqualTo(Flag.YES);
    }

    @Test
    void should_not_negate_when_the_trigger_is_part_of_a_pseudo_trigger() {
        // "no increase" contains "no" but negates nothing
        assertThat(assertionOf("There is no increase in pleural effusion.", "pleural effusion").negated())
                .isEqualTo(Flag.NO);
    }

    @Test
    void should_end_the_scope_when_a_termination_term_follows_the_trigger() {
        // given "but" between the negated and the affirmed finding
        String text = "No fever but has cough.";
        List<Entity> result = ENGINE.apply(text, List.of(mention(text, "fever"), mention(text, "cough")));
        // then only the first is negated
        assertThat(result).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO);
    }

    @Test
    void should_stop_the_scope_at_the_end_of_the_sentence_when_the_next_sentence_names_a_finding() {
        String text = "No fever. Cough for three days.";
        List<Entity> result = ENGINE.apply(text, List.of(mention(text, "fever"), mention(text, "Cough")));
        assertThat(result).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO);
    }

    @Test
    void should_mark_family_experiencer_when_a_relative_is_named() {
        Assertion assertion = assertionOf("Mother had breast cancer.", "breast cancer");
        assertThat(assertion.experiencer()).isEqualTo(Experiencer.FAMILY);
        assertThat(assertion.isAffirmed()).isFalse();
    }

    @Test
    void should_mark_family_experiencer_when_family_history_precedes_the_finding() {
        assertThat(assertionOf("Family history of colon cancer.", "colon cancer").experiencer())
                .isEqualTo(Experiencer.FAMILY);
    }

    @Test
    void should_mark_other_experiencer_when_a_non_relative_is_named() {
        assertThat(assertionOf("Her husband has tuberculosis.", "tuberculosis").experiencer())
                .isEqualTo(Experiencer.OTHER);
    }

    @Test
    void should_mark_historical_when_a_history_trigger_precedes_the_finding() {
        Assertion assertion = assertionOf("History of myocardial infarction.", "myocardial infarction");
        assertThat(assertion.historical()).isEqualTo(Flag.YES);
        assertThat(assertion.experiencer()).isEqualTo(Experiencer.PATIENT);
    }

    @Test
    void should_not_mark_historical_when_history_is_a_pseudo_trigger() {
        assertThat(assertionOf("History of present illness: headache.", "headache").historical())
                .isEqualTo(Flag.NO);
    }

    @Test
    void should_mark_hypothetical_when_a_conditional_trigger_precedes_the_finding() {
        assertThat(assertionOf("Return to the clinic if fever develops.", "fever").hypothetical())
                .isEqualTo(Flag.YES);
    }

    @Test
    void should_mark_uncertain_when_a_hedge_precedes_the_finding() {
        Assertion assertion = assertionOf("Findings suggestive of pneumonia.", "pneumonia");
        assertThat(assertion.uncertain()).isEqualTo(Flag.YES);
        assertThat(assertion.negated()).isEqualTo(Flag.NO);
    }

    @Test
    void should_mark_uncertain_and_not_negated_when_cannot_rule_out_precedes_the_finding() {
        Assertion assertion = assertionOf("Cannot rule out sepsis.", "sepsis");
        assertThat(assertion.uncertain()).isEqualTo(Flag.YES);
        assertThat(assertion.negated()).isEqualTo(Flag.NO);
    }

    @Test
    void should_decide_every_field_as_affirmed_when_no_trigger_reaches_the_finding() {
        assertThat(assertionOf("Chest pain radiating to the left arm.", "Chest pain")).isEqualTo(Assertion.AFFIRMED);
    }

    @Test
    void should_match_triggers_case_insensitively_when_the_note_is_upper_case() {
        assertThat(assertionOf("PATIENT DENIES NAUSEA.", "NAUSEA").negated()).isEqualTo(Flag.YES);
    }

    @Test
    void should_ignore_a_trigger_inside_the_entity_when_the_entity_spans_it() {
        // given an entity whose own words contain "no"
        String text = "Diagnosis: no reflow phenomenon.";
        assertThat(assertionOf(text, "no reflow phenomenon").negated()).isEqualTo(Flag.NO);
    }

    @Test
    void should_limit_the_scope_when_max_scope_tokens_is_set() {
        ContextEngine narrow = ContextEngine.builder().maxScopeTokens(2).build();
        String text = "No fever , chills or night sweats reported.";
        List<Entity> result = narrow.apply(text, List.of(mention(text, "fever"), mention(text, "night sweats")));
        assertThat(result).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO);
    }

    @Test
    void should_modify_only_the_nearest_entity_when_max_targets_is_one() {
        ContextEngine one = ContextEngine.builder().maxTargets(1).build();
        String text = "No history of stroke, seizures or migraine.";
        List<Entity> result = one.apply(text, List.of(mention(text, "stroke"), mention(text, "seizures"),
                mention(text, "migraine")));
        assertThat(result).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO, Flag.NO);
        assertThat(ENGINE.apply(text, List.of(mention(text, "migraine"))).get(0).assertion().negated())
                .isEqualTo(Flag.YES);
    }

    @Test
    void should_end_the_scope_at_a_line_break_unless_told_otherwise() {
        // given a lower-case line start, which the sentence splitter does not split at
        String text = "No fever\ncough since Monday";
        assertThat(assertionOf(text, "cough").negated()).isEqualTo(Flag.NO);
        ContextEngine wrapped = ContextEngine.builder().lineBreaksEndScopes(false).build();
        assertThat(wrapped.apply(text, List.of(mention(text, "cough"))).get(0).assertion().negated())
                .isEqualTo(Flag.YES);
    }

    @Test
    void should_apply_a_user_trigger_when_one_is_added() {
        ContextEngine custom = ContextEngine.builder().addTrigger(Trigger.of("nil", "PRE", "NEGATED")).build();
        String text = "Nil haemoptysis.";
        assertThat(custom.apply(text, List.of(mention(text, "haemoptysis"))).get(0).assertion().negated())
                .isEqualTo(Flag.YES);
        assertThat(ENGINE.apply(text, List.of(mention(text, "haemoptysis"))).get(0).assertion().negated())
                .isEqualTo(Flag.NO);
    }

    @Test
    void should_not_negate_when_the_user_removed_the_trigger() {
        ContextEngine custom = ContextEngine.builder().removeTrigger("DENIES").build();
        assertThat(custom.apply("Denies nausea.", List.of(mention("Denies nausea.", "nausea"))).get(0).assertion()
                .negated()).isEqualTo(Flag.NO);
    }

    @Test
    void should_reject_the_entity_when_its_text_is_not_in_the_note() {
        Entity elsewhere = new Entity(0, 5, FINDING, "fever");
        assertThatThrownBy(() -> ENGINE.apply("Cough only.", List.of(elsewhere)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity is not in the text").hasMessageContaining("'fever'")
                .hasMessageContaining("'Cough'");
    }

    @Test
    void should_reject_the_entity_when_it_ends_after_the_note() {
        Entity beyond = new Entity(3, 9, FINDING, "ab cde");
        assertThatThrownBy(() -> ENGINE.apply("No", List.of(beyond)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text length=2");
    }

    @Test
    void should_keep_the_entities_equal_when_only_the_assertion_differs() {
        Entity plain = mention("No fever.", "fever");
        Entity decided = ENGINE.apply("No fever.", List.of(plain)).get(0);
        assertThat(decided).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(plain.assertion()).isEqualTo(Assertion.UNKNOWN);
        assertThat(decided.assertion().isUnknown()).isFalse();
    }

    @Test
    void should_decide_assertions_of_an_annotation_when_applied_to_teacher_labels() {
        Document note = new Document("n1", "Denies fever. Has cough.");
        Annotation labels = new Annotation(note, List.of(mention(note.text(), "fever"), mention(note.text(), "cough")),
                "teacher");
        Annotation decided = ENGINE.apply(labels);
        assertThat(decided.source()).isEqualTo("teacher");
        assertThat(decided.entities()).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO);
    }

    @Test
    void should_return_no_entities_when_given_none() {
        assertThat(ENGINE.apply("No fever.", List.of())).isEmpty();
    }

    @Test
    void should_handle_crlf_and_unicode_when_the_note_has_them() {
        String text = "Naïve patient.\r\nDenies dyspnœa.\r\n";
        assertThat(assertionOf(text, "dyspnœa").negated()).isEqualTo(Flag.YES);
        assertThat(assertionOf(text, "Naïve").negated()).isEqualTo(Flag.NO);
    }

    // Trigger files

    @Test
    void should_read_triggers_when_the_file_is_well_formed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.tsv");
        Files.writeString(file, "# mine\n\nnil\tPRE\tNEGATED\nis excluded\tpost\tnegated\n");
        assertThat(TriggerFiles.read(file)).containsExactly(Trigger.of("nil", "PRE", "NEGATED"),
                Trigger.of("is excluded", "POST", "NEGATED"));
    }

    @Test
    void should_fail_naming_the_line_when_a_trigger_line_has_two_fields(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "nil\tPRE\tNEGATED\n# ok\nbroken\tPRE\n");
        assertThatThrownBy(() -> TriggerFiles.read(file)).isInstanceOf(TriggerFormatException.class)
                .hasMessageStartingWith(file + ":3: ").hasMessageContaining("expected 3 tab-separated fields")
                .satisfies(e -> assertThat(((TriggerFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void should_fail_naming_the_kind_when_a_trigger_line_has_an_unknown_kind() {
        assertThatThrownBy(() -> TriggerFiles.parse(new StringReader("nil\tBEFORE\tNEGATED\n"), "mine.tsv"))
                .isInstanceOf(TriggerFormatException.class).hasMessageStartingWith("mine.tsv:1: ")
                .hasMessageContaining("expected a kind").hasMessageContaining("'BEFORE'");
    }

    @Test
    void should_fail_when_category_all_is_used_for_a_trigger() {
        assertThatThrownBy(() -> TriggerFiles.parse(new StringReader("x\tPRE\tALL\n"), "mine.tsv"))
                .isInstanceOf(TriggerFormatException.class).hasMessageContaining("mine.tsv:1: ")
                .hasMessageContaining("only for PSEUDO and TERMINATION");
    }

    @Test
    void should_load_the_default_lexicon_when_asked() {
        assertThat(TriggerFiles.defaults()).hasSizeGreaterThan(300)
                .contains(Trigger.of("denies", "PRE", "NEGATED"), Trigger.of("but", "TERMINATION", "ALL"));
    }

    @Test
    void should_not_negate_the_finding_before_a_negative_test_result() {
        // "negative pregnancy" is a pseudo-trigger: the test is negative, not the childbearing potential
        assertThat(assertionOf("Women of childbearing potential must have a negative pregnancy test.",
                "childbearing potential").negated()).isEqualTo(Flag.NO);
    }

    @Test
    void should_negate_the_nearest_entity_only_when_the_eligibility_criteria_profile_is_chosen() {
        // given a cue before a list
        String text = "No prior chemotherapy, radiotherapy or surgery.";
        java.util.List<Entity> entities = java.util.List.of(mention(text, "chemotherapy"), mention(text, "radiotherapy"),
                mention(text, "surgery"));

        // when
        java.util.List<Entity> notes = ContextEngine.defaults().apply(text, entities);
        java.util.List<Entity> criteria = ContextEngine.builder().profile(ContextEngine.Profile.ELIGIBILITY_CRITERIA)
                .build().apply(text, entities);

        // then
        assertThat(notes).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.YES, Flag.YES);
        assertThat(criteria).extracting(e -> e.assertion().negated()).containsExactly(Flag.YES, Flag.NO, Flag.NO);
    }

    @Test
    void should_negate_only_the_attached_entity_when_a_prefix_is_written_onto_it() {
        // given "non" written onto a finding, with and without a hyphen or space, and an affirmed finding after it
        String text = "Non-smoker, nondiabetic, non obese, with hypertension.";
        List<Entity> entities = List.of(mention(text, "smoker"), mention(text, "diabetic"), mention(text, "obese"),
                mention(text, "hypertension"));

        // when
        List<Entity> notes = ENGINE.apply(text, entities);
        List<Entity> criteria = ContextEngine.builder().profile(ContextEngine.Profile.ELIGIBILITY_CRITERIA).build()
                .apply(text, entities);

        // then the prefix reaches its own entity only, whatever the scope settings
        assertThat(notes).extracting(e -> e.assertion().negated())
                .containsExactly(Flag.YES, Flag.YES, Flag.YES, Flag.NO);
        assertThat(criteria).extracting(e -> e.assertion().negated())
                .containsExactly(Flag.YES, Flag.YES, Flag.YES, Flag.NO);
    }

    @Test
    void should_not_negate_when_the_prefix_letters_end_another_word() {
        // "canon" ends in "non" but does not begin with it; "non-" inside the entity modifies nothing
        assertThat(assertionOf("Canon smoker since youth.", "smoker").negated()).isEqualTo(Flag.NO);
        assertThat(assertionOf("History of non-Hodgkin lymphoma.", "non-Hodgkin lymphoma").negated())
                .isEqualTo(Flag.NO);
    }

    @Test
    void should_not_negate_by_prefix_when_the_user_removed_it() {
        ContextEngine engine = ContextEngine.builder().removeTrigger("non").build();
        String text = "Non-smoker.";

        assertThat(engine.apply(text, List.of(mention(text, "smoker"))).get(0).assertion().negated())
                .isEqualTo(Flag.NO);
    }

    @Test
    void should_read_a_prefix_entry_when_the_file_names_the_kind() throws IOException {
        List<Trigger> triggers = TriggerFiles.parse(new StringReader("un\tPREFIX\tNEGATED\n"), "mine.tsv");

        assertThat(triggers).containsExactly(new Trigger("un", Trigger.Kind.PREFIX, Trigger.Category.NEGATED));
        String text = "An unvaccinated child.";
        ContextEngine engine = ContextEngine.builder().addTriggers(triggers).build();
        assertThat(engine.apply(text, List.of(mention(text, "vaccinated"))).get(0).assertion().negated())
                .isEqualTo(Flag.YES);
    }
}
