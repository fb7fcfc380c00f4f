package io.github.meddistill.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BilouSchemeTest {

    private final LabelScheme bilou = LabelSchemes.BILOU;
    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void should_encode_unit_and_multi_token_entities_when_spans_align() {
        String text = "aspirin for acute chest pain today";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 0, 7, EntityType.MEDICATION),
                Entity.of(text, 12, 28, EntityType.SYMPTOM));

        List<String> tags = bilou.encode(entities, tokens);

        assertThat(tags).containsExactly("U-MEDICATION", "O", "B-SYMPTOM", "I-SYMPTOM", "L-SYMPTOM", "O");
        assertThat(bilou.isValid(tags)).isTrue();
        assertThat(bilou.decode(tags, tokens, text)).containsExactlyElementsOf(entities);
    }

    @Test
    void should_repair_orphans_and_unclosed_entities_when_sequence_is_invalid() {
        assertThat(bilou.repair(List.of("I-DISEASE", "L-DISEASE", "B-SYMPTOM", "O", "B-DISEASE", "I-DISEASE")))
                .containsExactly("B-DISEASE", "L-DISEASE", "U-SYMPTOM", "O", "B-DISEASE", "L-DISEASE");
        assertThat(bilou.repair(List.of("L-DISEASE", "I-SYMPTOM", "U-DISEASE", "I-DISEASE")))
                .containsExactly("U-DISEASE", "U-SYMPTOM", "U-DISEASE", "U-DISEASE");
        assertThat(bilou.repair(List.of("B-DISEASE", "I-SYMPTOM", "L-SYMPTOM")))
                .containsExactly("U-DISEASE", "B-SYMPTOM", "L-SYMPTOM");
    }

    @Test
    void should_accept_only_legal_transitions_when_validating() {
        assertThat(bilou.isValid(List.of("B-DISEASE", "I-DISEASE", "L-DISEASE", "U-SYMPTOM", "O"))).isTrue();
        assertThat(bilou.isValid(List.of("B-DISEASE"))).isFalse();
        assertThat(bilou.isValid(List.of("B-DISEASE", "O"))).isFalse();
        assertThat(bilou.isValid(List.of("B-DISEASE", "L-SYMPTOM"))).isFalse();
        assertThat(bilou.isValid(List.of("L-DISEASE"))).isFalse();
        assertThat(bilou.isValid(List.of("B-DISEASE", "U-DISEASE"))).isFalse();
        assertThat(bilou.isValid(List.of("E-DISEASE"))).isFalse();
    }

    @Test
    void should_keep_valid_sequences_unchanged_when_repairing() {
        List<String> valid = List.of("O", "B-MEDICATION", "L-MEDICATION", "U-MEDICATION", "U-DISEASE");
        assertThat(bilou.repair(valid)).isEqualTo(valid);
    }

    @Test
    void should_list_four_tags_per_type_when_listing_tags() {
        assertThat(bilou.tags(Set.of(EntityType.DISEASE)))
                .containsExactly("O", "B-DISEASE", "I-DISEASE", "L-DISEASE", "U-DISEASE");
    }

    @Test
    void should_decode_the_same_spans_as_bio_when_both_encode_the_same_entities() {
        String text = "HIV/AIDS with beta-blocker use";
        List<Token> tokens = tokenizer.tokenize(text);
        List<Entity> entities = List.of(Entity.of(text, 0, 8, EntityType.DISEASE),
                Entity.of(text, 14, 26, EntityType.MEDICATION));
        assertThat(bilou.decode(bilou.encode(entities, tokens), tokens, text))
                .isEqualTo(LabelSchemes.BIO.decode(LabelSchemes.BIO.encode(entities, tokens), tokens, text))
                .containsExactlyElementsOf(entities);
    }
}
