package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

    private final WordTokenizer tokenizer = new WordTokenizer();

    private List<String> texts(String text) {
        return tokenizer.tokenize(text).stream().map(Token::text).toList();
    }

    @Test
    void should_keep_dotted_abbreviations_whole_when_tokenizing_dosing_instructions() {
        assertThat(texts("Take 1 tab b.i.d. and q.d, p.r.n. pain; e.g. at 8 a.m."))
                .containsExactly("Take", "1", "tab", "b.i.d.", "and", "q.d", ",", "p.r.n.", "pain", ";", "e.g.", "at",
                        "8", "a.m.");
    }

    @Test
    void should_split_number_from_unit_when_dose_has_no_space() {
        assertThat(texts("metformin 500mg, 2.5mL, 1,000 IU, 5mg/kg"))
                .containsExactly("metformin", "500", "mg", ",", "2.5", "mL", ",", "1,000", "IU", ",", "5", "mg", "/", "kg");
    }

    @Test
    void should_keep_alphanumeric_terms_whole_when_they_start_with_a_letter() {
        assertThat(texts("HbA1c 7.2% in T2DM, vitamin B12")).containsExactly("HbA1c", "7.2", "%", "in", "T2DM", ",",
                "vitamin", "B12");
    }

    @Test
    void should_split_hyphens_slashes_and_apostrophes_when_present() {
        assertThat(texts("beta-blocker for HIV/AIDS and Parkinson's disease"))
                .containsExactly("beta", "-", "blocker", "for", "HIV", "/", "AIDS", "and", "Parkinson", "'", "s",
                        "disease");
    }

    @Test
    void should_keep_title_abbreviations_and_split_sentence_final_dots_when_words_end_sentences() {
        assertThat(texts("Seen by Dr. Smith. Pain vs. fever.")).containsExactly("Seen", "by", "Dr.", "Smith", ".",
                "Pain", "vs.", "fever", ".");
    }

    @Test
    void should_skip_every_kind_of_whitespace_when_separating_tokens() {
        String text = "a\u00A0b\u202Fc\u2007d\te\r\nf\u200Bg\uFEFFh\u3000i";
        assertThat(texts(text)).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
    }

    @Test
    void should_handle_unicode_letters_marks_and_supplementary_characters_when_present() {
        String decomposed = "nai\u0308ve";
        String text = "Müller-Ödem " + decomposed + " 😀 \uD835\uDC00x";
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(tokens).extracting(Token::text).containsExactly("Müller", "-", "Ödem", decomposed, "😀",
                "\uD835\uDC00x");
        assertOffsetsExact(text, tokens);
    }

    @Test
    void should_report_exact_offsets_when_tokenizing_a_clinical_sentence() {
        String text = "  Pt c/o SOB; started lisinopril 10mg q.d.  ";
        List<Token> tokens = tokenizer.tokenize(text);
        assertOffsetsExact(text, tokens);
        assertThat(tokens.get(0)).isEqualTo(new Token("Pt", 2, 4));
        assertThat(tokens.get(tokens.size() - 1)).isEqualTo(new Token("q.d.", 38, 42));
    }

    @Test
    void should_return_no_tokens_when_text_is_empty_or_blank() {
        assertThat(tokenizer.tokenize("")).isEmpty();
        assertThat(tokenizer.tokenize(" \n\u00A0\t")).isEmpty();
    }

    @Test
    void should_reject_null_when_text_is_missing() {
        assertThatNullPointerException().isThrownBy(() -> tokenizer.tokenize(null));
    }

    @Test
    void should_tokenize_a_100k_character_note_with_exact_offsets_when_note_is_long() {
        StringBuilder note = new StringBuilder();
        String line = "Pt on metoprolol 25mg b.i.d. for HTN/CHF; denies chest-pain, SOB.\u00A0Müller 2.5mL.\r\n";
        while (note.length() < 100_000) {
            note.append(line);
        }
        String text = note.toString();
        List<Token> tokens = tokenizer.tokenize(text);
        assertOffsetsExact(text, tokens);
        int perLine = tokenizer.tokenize(line).size();
        assertThat(tokens).hasSize(perLine * (text.length() / line.length()));
    }

    @Test
    void should_give_identical_results_when_used_from_several_threads() throws Exception {
        String text = "Aspirin 81mg q.d. for CAD/MI; beta-blocker held.".repeat(200);
        List<Token> expected = tokenizer.tokenize(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Token>>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> tokenizer.tokenize(text)));
            }
            for (Future<List<Token>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOffsetsExact(String text, List<Token> tokens) {
        int previousEnd = 0;
        for (Token token : tokens) {
            assertThat(text.substring(token.start(), token.end())).isEqualTo(token.text());
            assertThat(token.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(text.substring(previousEnd, token.start()).codePoints()
                    .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200B || c == 0xFEFF))
                    .as("only whitespace between tokens before %s", token).isTrue();
            previousEnd = token.end();
        }
    }
}
