package io.github.meddistill.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.text.Token;

class LabelSchemesTest {

    @Test
    void should_find_scheme_by_saved_name_when_case_differs() {
        assertThat(LabelSchemes.forName("bio")).isSameAs(LabelSchemes.BIO);
        assertThat(LabelSchemes.forName("IOB2")).isSameAs(LabelSchemes.BIO);
        assertThat(LabelSchemes.forName(" BILOU ")).isSameAs(LabelSchemes.BILOU);
        for (LabelScheme scheme : LabelSchemes.all()) {
            assertThat(LabelSchemes.forName(scheme.name())).isSameAs(scheme);
        }
    }

    @Test
    void should_list_known_names_when_name_is_unknown() {
        assertThatIllegalArgumentException().isThrownBy(() -> LabelSchemes.forName("BIOES"))
                .withMessageContaining("BIOES").withMessageContaining("BILOU");
    }

    @Test
    void should_allow_exactly_the_transitions_of_valid_sequences_when_checked_pairwise() {
        Random random = new Random(11);
        for (LabelScheme scheme : LabelSchemes.all()) {
            List<String> tags = scheme.tags(List.of(EntityType.DISEASE, EntityType.MEDICATION));
            for (int trial = 0; trial < 2000; trial++) {
                List<String> sequence = new ArrayList<>();
                int length = 1 + random.nextInt(5);
                for (int i = 0; i < length; i++) {
                    sequence.add(tags.get(random.nextInt(tags.size())));
                }
                boolean allowed = scheme.allows(null, sequence.get(0)) && scheme.allows(sequence.get(length - 1), null);
                for (int i = 1; i < length; i++) {
                    allowed &= scheme.allows(sequence.get(i - 1), sequence.get(i));
                }
                assertThat(allowed).as("%s %s", scheme.name(), sequence).isEqualTo(scheme.isValid(sequence));
            }
        }
    }

    @Test
    void should_report_touching_entity_exactly_when_decoding_two_tags_gives_two_entities_of_one_type() {
        List<Token> tokens = List.of(new Token("a", 0, 1), new Token("b", 2, 3));
        for (LabelScheme scheme : LabelSchemes.all()) {
            List<String> tags = scheme.tags(List.of(EntityType.DISEASE, EntityType.MEDICATION));
            for (String previous : tags) {
                for (String next : tags) {
                    if (!scheme.allows(previous, next)) {
                        continue;
                    }
                    List<Entity> entities = scheme.decode(List.of(previous, next), tokens, "a b");
                    boolean touching = entities.size() == 2 && entities.get(0).type().equals(entities.get(1).type());
                    assertThat(scheme.startsTouchingEntity(previous, next)).as("%s %s -> %s", scheme.name(), previous, next)
                            .isEqualTo(touching);
                }
            }
        }
    }
}
