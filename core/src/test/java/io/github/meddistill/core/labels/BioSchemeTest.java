package io.github.meddistill.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BioSchemeTest {

    private final LabelScheme bio = LabelSchemes.BIO;
    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void should_encode_entities_as_b_and_i_tags_when_spans_align_with_tokens() {
        String text = "Metformin 500mg for type 2 diabetes.";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 0, 9, EntityType.MEDICATION),
                Entity.of(text, 20, 35, EntityType.DISEASE));

        List<String> tags = bio.encode(entities, tokens);

        assertThat(tags).containsExactly("B-MEDICATION", "O", "O", "O", "B-DISEASE", "I-DISEASE", "I-DISEASE", "O");
        assertThat(bio.decode(tags, tokens, text)).containsExactlyElementsOf(entities);
    }

    @Test
    void should_widen_entity_to_token_boundaries_when_boundary_falls_inside_a_token() {
        String text = "chronic pancreatitis";
        List<Token> tokens = tokenizer.tokenize(text);
        List<String> tags = bio.encode(List.of(Entity.of(text, 2, 12, EntityType.DISEASE)), tokens);

        assertThat(tags).containsExactly("B-DISEASE", "I-DISEASE");
        assertThat(bio.decode(tags, tokens, text)).containsExactly(Entity.of(text, 0, 20, EntityType.DISEASE));
    }

    @Test
    void should_recover_sub_word_spans_when_entity_ends_at_hyphen_or_slash() {
        String text = "beta-blocker for HIV/AIDS";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 0, 12, EntityType.MEDICATION),
                Entity.of(text, 17, 20, EntityType.DISEASE), Entity.of(text, 21, 25, EntityType.DISEASE));

        List<String> tags = bio.encode(entities, tokens);

        assertThat(tags).containsExactly("B-MEDICATION", "I-MEDICATION", "I-MEDICATION", "O", "B-DISEASE", "O",
                "B-DISEASE");
        assertThat(bio.decode(tags, tokens, text)).containsExactlyElementsOf(entities);
    }

    @Test
    void should_keep_the_longest_entity_when_entities_overlap() {
        String text = "lung cancer pain";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 5, 11, EntityType.DISEASE),
                Entity.of(text, 0, 11, EntityType.DISEASE), Entity.of(text, 5, 16, EntityType.SYMPTOM));

        assertThat(bio.encode(entities, tokens)).containsExactly("B-DISEASE", "I-DISEASE", "O");
    }

    @Test
    void should_tag_adjacent_entities_of_same_type_with_a_new_b_when_they_touch() {
        String text = "fever cough";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 0, 5, EntityType.SYMPTOM), Entity.of(text, 6, 11, EntityType.SYMPTOM));

        List<String> tags = bio.encode(entities, tokens);

        assertThat(tags).containsExactly("B-SYMPTOM", "B-SYMPTOM");
        assertThat(bio.decode(tags, tokens, text)).hasSize(2);
    }

    @Test
    void should_skip_entity_when_it_covers_no_token() {
        String text = "a  b";
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(bio.encode(List.of(Entity.of(text, 1, 3, EntityType.SYMPTOM)), tokens)).containsExactly("O", "O");
    }

    @Test
    void should_turn_orphan_i_into_b_when_repairing() {
        List<String> tags = List.of("I-DISEASE", "I-DISEASE", "O", "I-SYMPTOM", "B-DISEASE", "I-SYMPTOM");

        assertThat(bio.isValid(tags)).isFalse();
        List<String> repaired = bio.repair(tags);

        assertThat(repaired).containsExactly("B-DISEASE", "I-DISEASE", "O", "B-SYMPTOM", "B-DISEASE", "B-SYMPTOM");
        assertThat(bio.isValid(repaired)).isTrue();
        assertThat(bio.repair(repaired)).isEqualTo(repaired);
    }

    @Test
    void should_decode_repaired_spans_when_sequence_is_invalid() {
        String text = "no chest pain";
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(bio.decode(List.of("O", "I-SYMPTOM", "I-SYMPTOM"), tokens, text))
                .containsExactly(Entity.of(text, 3, 13, EntityType.SYMPTOM));
    }

    @Test
    void should_report_invalid_when_tags_are_unknown_to_the_scheme() {
        assertThat(bio.isValid(List.of("O", "L-DISEASE"))).isFalse();
        assertThat(bio.isValid(List.of("B-Disease"))).isFalse();
        assertThat(bio.isValid(List.of("X"))).isFalse();
        assertThat(bio.isValid(List.of())).isTrue();
    }

    @Test
    void should_name_position_and_tag_when_repairing_an_unknown_tag() {
        assertThatIllegalArgumentException().isThrownBy(() -> bio.repair(List.of("O", "U-DISEASE")))
                .withMessageContaining("position 1").withMessageContaining("U-DISEASE");
    }

    @Test
    void should_reject_decoding_when_tag_and_token_counts_differ() {
        List<Token> tokens = tokenizer.tokenize("a b");
        assertThatIllegalArgumentException().isThrownBy(() -> bio.decode(List.of("O"), tokens, "a b"))
                .withMessageContaining("tags=1, tokens=2");
    }

    @Test
    void should_list_outside_first_then_types_in_order_when_listing_tags() {
        assertThat(bio.tags(Set.of(EntityType.SYMPTOM, EntityType.DISEASE)))
                .containsExactly("O", "B-DISEASE", "I-DISEASE", "B-SYMPTOM", "I-SYMPTOM");
    }

    @Test
    void should_reject_tokens_when_out_of_order() {
        List<Token> tokens = List.of(new Token("b", 2, 3), new Token("a", 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> bio.encode(List.of(), tokens))
                .withMessageContaining("text order");
    }
}
