package io.github.meddistill.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.SharedData;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokenizer's rules exist so that gold entity boundaries fall between tokens: encoding the human
 * spans of NCBI-disease and BC5CDR as BIO tags and decoding them again must give back (almost) every
 * span exactly. The few misses are gold spans that end inside a word (for example
 * "complemen" in NCBI-disease train) or overlap a longer span.
 */
class GoldSpanAlignmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"ncbi_disease/original-data/train/NCBItrainset_corpus.txt",
            "bc5cdr/original-pubtator/CDR_TestSet.PubTator.txt"})
    void should_recover_gold_spans_exactly_when_encoding_and_decoding_over_word_tokens(String relative) {
        List<Annotation> gold = PubTatorReader.builder().build().read(SharedData.file(relative)).annotations();
        WordTokenizer tokenizer = new WordTokenizer();
        long total = 0;
        long recovered = 0;

        for (Annotation annotation : gold) {
            String text = annotation.document().text();
            List<Token> tokens = tokenizer.tokenize(text);
            List<String> tags = LabelSchemes.BIO.encode(annotation.entities(), tokens);
            Set<Entity> decoded = new HashSet<>(LabelSchemes.BIO.decode(tags, tokens, text));
            total += annotation.entities().size();
            recovered += annotation.entities().stream().filter(decoded::contains).count();
        }

        assertThat((double) recovered / total).isGreaterThanOrEqualTo(0.999);
    }
}
