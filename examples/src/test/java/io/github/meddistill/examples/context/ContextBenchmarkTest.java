package io.github.meddistill.examples.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.examples.context.ContextBenchmark.GoldNote;
import io.github.meddistill.ontology.LinkExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's gold readers: brat events with MACCROBAT's POLARITY attribute, Chia's negation and mood relations,
 * PubTator ids as link examples.
 */
class ContextBenchmarkTest {

    @Test
    void should_mark_the_trigger_of_a_negated_event_when_reading_maccrobat_attributes() {
        // given "No fever, cough." with a NEG polarity on the fever event only
        String text = "No fever, cough.";
        String ann = String.join("\r\n", "T1\tSign_symptom 3 8\tfever", "E1\tSign_symptom:T1", "A1\tPOLARITY E1 NEG",
                "T2\tSign_symptom 10 15\tcough", "E2\tSign_symptom:T2", "T3\tAge 0 2\tNo", "");

        // when
        GoldNote note = ContextBenchmark.brat("m1", text, ann, Set.of("Sign_symptom", "Disease_disorder"), null, null,
                false);

        // then mentions of the asked types only, fever negated, cough not
        assertThat(note.mentions()).extracting(Entity::text).containsExactly("fever", "cough");
        assertThat(note.negated()).extracting(Entity::text).containsExactly("fever");
        assertThat(note.uncertain()).isEmpty();
    }

    @Test
    void should_read_negation_and_mood_relations_and_first_fragments_when_reading_chia() {
        // given a negated Condition, a Drug under a mood, and a discontinuous Condition
        String text = "no asthma; possible aspirin; breast and ovarian cancer";
        String ann = String.join("\n", "T1\tNegation 0 2\tno", "T2\tCondition 3 9\tasthma",
                "T3\tMood 11 19\tpossible", "T4\tDrug 20 27\taspirin", "T5\tCondition 29 35;48 54\tbreast cancer",
                "R1\tHas_negation Arg1:T2 Arg2:T1", "R2\tHas_mood Arg1:T4 Arg2:T3", "*\tOR T2 T5", "");

        // when
        GoldNote plain = ContextBenchmark.brat("c1", text, ann, Set.of("Condition", "Drug"), "Has_negation",
                "Has_mood", false);
        GoldNote shared = ContextBenchmark.brat("c1", text, ann, Set.of("Condition", "Drug"), "Has_negation",
                "Has_mood", true);

        // then
        assertThat(plain.mentions()).extracting(Entity::text).containsExactly("asthma", "aspirin", "breast");
        assertThat(plain.negated()).extracting(Entity::text).containsExactly("asthma");
        assertThat(plain.uncertain()).extracting(Entity::text).containsExactly("aspirin");
        // and sharing over OR groups spreads the negation to the other member
        assertThat(shared.negated()).extracting(Entity::text).containsExactlyInAnyOrder("asthma", "breast");
    }

    @Test
    void should_mark_mentions_of_sentences_with_no_or_not_when_computing_the_baseline() {
        String text = "Not on aspirin. Has asthma.";
        Entity aspirin = Entity.of(text, 7, 14, EntityType.of("MENTION"));
        Entity asthma = Entity.of(text, 20, 26, EntityType.of("MENTION"));

        assertThat(ContextBenchmark.baselineMarked(text, List.of(aspirin, asthma))).containsExactly(aspirin);
    }

    @Test
    void should_give_one_link_example_per_gold_id_when_a_composite_mention_has_two() throws Exception {
        // given a PubTator note with a composite mention (two MeSH ids) and an OMIM one
        Path file = Files.createTempFile("pubtator", ".txt");
        Files.writeString(file, String.join("\n", "1|t|Breast and ovarian cancer.", "1|a|WD too.",
                "1\t0\t25\tBreast and ovarian cancer\tDiseaseClass\tD001943|D010051",
                "1\t27\t29\tWD\tSpecificDisease\tOMIM:277900", ""));
        try {
            // when
            var examples = ContextBenchmark.examples(ContextBenchmark.pubTator(file, type -> true));
            // then
            assertThat(examples).containsExactly(
                    new LinkExample("Breast and ovarian cancer", "MESH:D001943"),
                    new LinkExample("Breast and ovarian cancer", "MESH:D010051"),
                    new LinkExample("WD", "OMIM:277900"));
        } finally {
            Files.delete(file);
        }
    }
}
