package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.core.text.WordTokenizer;

class WordPieceTokenizerJsonTest {

    @Test
    void should_tokenize_like_the_original_when_built_from_its_vocabulary() throws Exception {
        // given: the vocabulary of the MiniLM tokenizer.json, in id order, as a vocab.txt would list it
        JsonNode vocabNode = new ObjectMapper().readTree(TestTokenizers.miniLmJson()).path("model").path("vocab");
        String[] vocab = new String[vocabNode.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = vocabNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            vocab[field.getValue().asInt()] = field.getKey();
        }
        byte[] built = WordPieceTokenizerJson.fromVocab(new ArrayList<>(List.of(vocab)), true, "test vocab");
        String text = "Pt w/ HbA1c 7.2%, on Metformin 500mg b.i.d.; denies chest-pain. Naïve T2DM";

        // when
        long[] expected;
        long[] actual;
        try (SubwordTokenizer original = TestTokenizers.miniLm();
                SubwordTokenizer rebuilt = SubwordTokenizer.fromJson(built, "built")) {
            var words = new WordTokenizer().tokenize(text);
            expected = original.encode(words).ids();
            actual = rebuilt.encode(words).ids();
            assertThat(rebuilt.clsId()).isEqualTo(original.clsId());
            assertThat(rebuilt.sepId()).isEqualTo(original.sepId());
        }

        // then
        assertThat(actual).containsExactly(expected);
    }
}
